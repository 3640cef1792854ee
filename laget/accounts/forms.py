from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Feil brukernavn eller passord. Merk at det skilles mellom store og små bokstaver."
        ),
        "inactive": _("Denne kontoen er deaktivert."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Brukernavn")
        self.fields["password"].label = _("Passord")
        # AuthenticationForm sets max_length only on the widget; without a validator an
        # over-long username reaches authenticate() and django-axes' log (varchar 255).
        self.fields["username"].validators.append(MaxLengthValidator(150))
