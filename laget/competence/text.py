"""Plain-Norwegian wording for statuses and shortfalls (translatable)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.domain.competence import Shortfall, ShortfallKind, Status

STATUS_LABELS = {
    Status.MEETS: gettext_lazy("Oppfyller kravet"),
    Status.WILL_MEET: gettext_lazy("Vil oppfylle kravet hvis planene holder"),
    Status.AT_RISK: gettext_lazy("I faresonen"),
    Status.CANNOT_MEET: gettext_lazy("Kan ikke oppfylle kravet innen fristen"),
    Status.NOT_SUBJECT: gettext_lazy("Ikke omfattet av kravet"),
}

STATUS_SHORT_LABELS = {
    Status.MEETS: gettext_lazy("Oppfyller"),
    Status.WILL_MEET: gettext_lazy("Vil oppfylle"),
    Status.AT_RISK: gettext_lazy("I faresonen"),
    Status.CANNOT_MEET: gettext_lazy("Kan ikke"),
    Status.NOT_SUBJECT: gettext_lazy("Ikke omfattet"),
}

#: Order on pages: the most urgent first.
STATUS_ORDER = [Status.CANNOT_MEET, Status.AT_RISK, Status.WILL_MEET, Status.MEETS]


def _day(value) -> str:
    return value.strftime("%d.%m.%Y")


def _number(value: float) -> str:
    return number_format(value, 1 if value % 1 else 0, use_l10n=True)


def shortfall_text(shortfall: Shortfall, *, reachable: bool = True) -> str:
    """One missing piece in plain Norwegian, with the date by which it must be done, and when
    the requirement can still be met (`reachable`), the latest start that finishes in time:
    for someone who cannot meet it anyway, «må starte senest» would promise what no start
    can give."""
    by = _day(shortfall.complete_by)
    if shortfall.kind is ShortfallKind.CREDITS:
        text = _("mangler %(n)s studiepoeng relevant videreutdanning innen %(date)s") % {
            "n": _number(shortfall.amount or 0),
            "date": by,
        }
    elif shortfall.kind is ShortfallKind.EXPERIENCE:
        months = int(shortfall.amount or 0)
        text = _("mangler %(n)d måneders erfaring innen %(date)s") % {"n": months, "date": by}
    elif shortfall.kind is ShortfallKind.MASTER:
        text = _("mangler relevant mastergrad innen %(date)s") % {"date": by}
    elif shortfall.kind is ShortfallKind.BACHELOR:
        text = _("mangler relevant bachelorgrad innen %(date)s") % {"date": by}
    elif shortfall.kind is ShortfallKind.PATH_CLOSED:
        closed = _day(shortfall.closed_from) if shortfall.closed_from else by
        return _(
            "overgangsregelen gjelder ikke for ansatte som begynte i barnevernet fra %(date)s "
            "uten tidligere barnevernserfaring"
        ) % {"date": closed}
    else:  # CREDITS_NOT_SECURED
        return _("%(n)s studiepoeng er søkt, men ikke innvilget ennå") % {
            "n": _number(shortfall.amount or 0)
        }
    if shortfall.start_by and reachable:
        text += " " + _("(må starte senest %(date)s)") % {"date": _day(shortfall.start_by)}
    return text
