from laget.accounts.access import access_for
from laget.people.models import Person


def laget(request):
    """Navigation by role and the synthetic-data banner."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "access": access_for(user),
        "demo_data": Person.objects.filter(is_synthetic=True).exists(),
    }
