"""Template helpers: showing suppressed figures the same way everywhere."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from laget.domain.suppression import Figure

register = template.Library()


@register.simple_tag
def figure(value: Figure, decimals: int = 0, suffix: str = ""):
    """Render a Figure: the number, or a marked 'skjult' when it rests on fewer than 5 persons."""
    if value.suppressed:
        return format_html(
            '<span class="laget-suppressed" title="{}">{}</span>',
            _("Skjult fordi tallet bygger på færre enn 5 personer"),
            _("skjult (n<5)"),
        )
    if value.value is None:
        return "–"
    return f"{number_format(value.value, decimals, use_l10n=True)}{suffix}"
