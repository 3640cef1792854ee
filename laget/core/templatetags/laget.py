"""Template helpers: showing suppressed figures the same way everywhere, and charts."""

import json

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _

from laget.core import page_tables
from laget.core.numbers import norwegian, quarter_text
from laget.domain.protection import ledger
from laget.domain.supervision import frequency_text, steps_from_json
from laget.domain.suppression import Figure

register = template.Library()


def _rounded(value, decimals: int) -> str:
    """Rounded half up, then written the Norwegian way («5 400», «1 234,5»): the same rule as
    the reports (`laget.core.numbers`)."""
    return norwegian(value, decimals)


@register.simple_tag
def figure(value: Figure, decimals: int = 0, suffix: str = ""):
    """Render a Figure: the number, or a marked 'skjult' when it rests on fewer than 5 persons."""
    ledger.shown(value)
    if not value.computed:
        return format_html(
            '<span class="laget-not-computed" title="{}">{}</span>',
            _("Tjenesten er nyere enn utgivelsen tallene er fra; den kommer med i neste"),
            _("med fra neste utgivelse"),
        )
    if value.suppressed:
        return format_html(
            '<span class="laget-suppressed" title="{}">{}</span>',
            _("Skjult: tallet bygger på færre enn 5 personer, eller ville avsløre et slikt tall"),
            _("skjult"),
        )
    if value.value is None:
        return "–"
    text = f"{_rounded(value.value, decimals)}{suffix}"
    ledger.written(text)
    return text


@register.simple_tag
def share_or_band(share: Figure | None, band=None):
    """A share in whole percent where it is shown, else the band it lies in («minst 50 %»,
    `laget.domain.competence.recoding.Band`), else «skjult»; «–» where the unit's form
    publishes neither."""
    if not isinstance(share, Figure):  # a category the form lacks, as a template reads it
        share = None
    if share is not None and (not share.suppressed or band is None):
        return figure(share, 0, " %")
    if band is None:
        return format_html(
            '–<span class="ds-sr-only"> {}</span>', _("vises ikke for enheter av denne størrelsen")
        )
    ledger.written(band.text)
    return format_html('<span class="laget-band" title="{}">{}</span>', _("intervall"), band.text)


@register.filter
def category(recoded, key: str):
    """A category's (count, share) in a unit's form (`Recoded.category`), or None."""
    return recoded.category(key)


@register.simple_tag
def in_form(pair, index: int = 0, decimals: int = 0, suffix: str = ""):
    """One of a category's (count, share) as `figure` writes it, or «–» where the unit's form
    does not publish the category."""
    if pair is None:
        return format_html(
            '–<span class="ds-sr-only"> {}</span>', _("vises ikke for enheter av denne størrelsen")
        )
    return figure(pair[index], decimals, suffix)


@register.simple_tag
def vega_chart(spec: dict, element_id: str, caption: str = ""):
    """A Vega-Lite chart (rendered by static/laget/charts.js) with its caption.

    The spec travels in a data attribute: never executed, so the Content-Security-Policy allows
    it, and it survives HTMX swaps (which drop <script> elements). The numbers are always also
    in a table on the page. A chart whose figures are all hidden is not drawn; a sentence says
    so (an empty drawing would have nothing to describe).
    """
    if spec.get("data", {}).get("values") == []:
        return format_html(
            '<figure class="laget-chart laget-chart--empty" id="{}"><p class="ds-paragraph">{}'
            "</p><figcaption>{}</figcaption></figure>",
            f"{element_id}-spec",
            _("Diagrammet vises ikke: tallene det bygger på, er skjult."),
            caption,
        )
    return format_html(
        '<figure class="laget-chart"><div class="laget-chart__canvas" data-vega-spec="{}" '
        'data-vega-json="{}"></div><figcaption>{}</figcaption></figure>',
        f"{element_id}-spec",
        json.dumps(spec, ensure_ascii=False, separators=(",", ":")),
        caption,
    )


@register.filter
def number(value: float | None, decimals: int = 0) -> str:
    """5400 -> «5 400», {{ x|number:1 }}: 1234.56 -> «1 234,6»; None -> «–». For counts that
    are not Figures (the national capacity model, costs); a Figure goes through `figure`."""
    if value is None or value == "":
        return "–"
    return _plain(_rounded(value, int(decimals)))


@register.filter
def percent(value: float | None) -> str:
    """0.583 -> «58 %» (whole percent, half up, with a no-break space)."""
    if value is None:
        return "–"
    return _plain(f"{_rounded(value * 100, 0)}\u00a0%")


@register.simple_tag
def percent_figure(value: Figure, decimals: int = 0):
    """A share as a Figure: «12 %», or «skjult» when it rests on fewer than 5 persons."""
    if value.suppressed or value.value is None:
        return figure(value)
    ledger.shown(value)
    text = f"{_rounded(float(value.value) * 100, decimals)}\u00a0%"
    ledger.written(text)
    return text


@register.filter
def percent_1(value: float | None) -> str:
    """0.0834 -> «8,3 %»."""
    if value is None:
        return "–"
    return _plain(f"{_rounded(value * 100, 1)}\u00a0%")


def _plain(text: str) -> str:
    """A number that is no figure (a parameter, a cost, a national constant), as written."""
    ledger.written(text, figure=False)
    return text


@register.filter
def dict_get(mapping: dict, key):
    """{{ mapping|dict_get:key }}: a dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def option_groups(field) -> list[tuple[str | None, list]]:
    """A select field's choices as (group label or None, [(value, label)]): grouped choices
    (`<optgroup>`, such as persons by unit) and plain ones alike."""
    groups: list[tuple[str | None, list]] = []
    for value, label in field.field.choices:
        if isinstance(label, list | tuple):
            groups.append((str(value), list(label)))
        elif groups and groups[-1][0] is None:
            groups[-1][1].append((value, label))
        else:
            groups.append((None, [(value, label)]))
    return groups


@register.filter
def frequency(steps) -> str:
    """A supervision plan's stored steps as people write them («ukentlig de første seks
    ukene, deretter …»: `laget.domain.supervision.frequency_text`)."""
    return frequency_text(steps_from_json(steps))


@register.filter
def quarter(key) -> str:
    """«2026-K4» as «4. kvartal 2026» (`laget.core.numbers.quarter_text`)."""
    return quarter_text(key)


class _TablesDownloadNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        request = context.get("request")
        tables = content.count("<table")
        if request is None or not tables or getattr(request, "htmx", False):
            return content
        return content + render_to_string(
            "core/_tables_download.html",
            {"href": page_tables.address(request), "tables": tables},
        )


@register.tag
def tables_download(parser, token):
    """`{% tables_download %}…{% endtables_download %}`: the content, and after it, if it holds
    a table, a link to download the page's tables as Excel (`laget.core.page_tables`)."""
    nodelist = parser.parse(("endtables_download",))
    parser.delete_first_token()
    return _TablesDownloadNode(nodelist)


@register.simple_tag(takes_context=True)
def tables_download_link(context):
    """In a fragment HTMX loads into a page (a person list, a projection), the link to download
    its tables: the page around it offers only its own."""
    request = context.get("request")
    if request is None or not getattr(request, "htmx", False):
        return ""
    return render_to_string(
        "core/_tables_download.html", {"href": page_tables.address(request), "tables": 1}
    )
