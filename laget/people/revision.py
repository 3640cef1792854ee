"""Every change to the register makes a new register revision (`core.RegisterRevision`), so
published figures computed from the old one are computed again (an exemption from the
competence requirement changes a status, so it counts too). Bulk writes (a roster import)
send no model signals and bump it themselves."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from laget.core.models import RegisterRevision


def _changed(**_kwargs) -> None:
    RegisterRevision.bump()


def connect() -> None:
    from laget.competence.models import Exemption
    from laget.organisations.models import LearningNetwork, Service, ServiceUnit
    from laget.people.models import Education, Employment, FurtherEducation, Person, PriorExperience
    from laget.workforce.models import ExitInterview, ExitReasonRating, Hire, Vacancy

    for model in (
        Person,
        Employment,
        Education,
        FurtherEducation,
        PriorExperience,
        Service,
        ServiceUnit,
        LearningNetwork,
        ExitInterview,
        ExitReasonRating,
        Vacancy,
        Hire,
        Exemption,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"revision-delete-{model.__name__}"
        )
    for through in (Service.municipalities.through, LearningNetwork.services.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"revision-m2m-{through}")
