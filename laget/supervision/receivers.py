"""New employees get the service's onboarding programme and supervision plan when hired."""

from datetime import timedelta

from django.dispatch import receiver
from django.utils import timezone

from laget.people.models import Employment
from laget.people.signals import employee_hired
from laget.supervision.services import RECENT_HIRE_DAYS, onboarding_start


@receiver(employee_hired, sender=Employment)
def start_onboarding(sender, employment: Employment, actor, **kwargs) -> None:
    """Only for someone who starts now (or lately): a roster import of long-serving staff
    gives nobody an onboarding programme."""
    if employment.start_date >= timezone.localdate() - timedelta(days=RECENT_HIRE_DAYS):
        onboarding_start(actor=actor, employment=employment)
