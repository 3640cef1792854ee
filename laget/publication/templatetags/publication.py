"""`{% figures_freshness %}`: the line under every page that reads stored figures."""

from django import template
from django.utils.html import format_html

from laget.publication.published import freshness_text

register = template.Library()


@register.simple_tag
def figures_freshness():
    """«Tall per 6. desember 2026, beregnet 6. desember kl. 04.12»: the date and time of the
    oldest stored figures the page has read (nothing when it read none), and whether the
    register has changed since (the worker's next pass updates them)."""
    text = freshness_text()
    if not text:
        return ""
    return format_html(
        '<p class="ds-paragraph laget-freshness" data-size="sm" role="note">{}</p>', text
    )
