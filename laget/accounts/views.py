from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _

from laget.accounts.access import landing_url
from laget.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True
    extra_context = {"title": _("Logg inn")}

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


class LogoutView(auth_views.LogoutView):
    """Logout is POST only (Django's default), so a link or image cannot log a user out."""
