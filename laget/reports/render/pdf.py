"""The report as a tagged PDF (PDF/UA-1) from the same HTML, with WeasyPrint. The document's
date and identifier come from the report, so the same report gives the same bytes."""

from __future__ import annotations

import hashlib

from laget.reports.document import Document
from laget.reports.render.html import render_html

#: the HTML's scope="…" as the PDF's /Scope of a header cell (PDF 1.7, table 349)
SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


def render_pdf(document: Document) -> bytes:
    # imported here: WeasyPrint needs Pango, and the rest of Laget runs without it
    from weasyprint import HTML

    html = render_html(document)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier, finisher=scope_header_cells
    )


def scope_header_cells(document, _pdf) -> None:
    """Give every table header cell (/TH) the /Scope of its HTML `scope` (a column's header
    when it has none). WeasyPrint ties data cells to their headers (/Headers) but leaves the
    header cells without /Scope, which PDF/UA checkers and some screen readers look for."""
    for page in document.pages:
        boxes = [page._page_box]  # WeasyPrint's own tagging walks the same tree
        while boxes:
            box = boxes.pop()
            box = getattr(box, "_box", box)  # an absolutely placed box
            element = getattr(box, "mark", None)  # the /TD or /TH WeasyPrint tagged
            if element is not None and getattr(box, "element_tag", None) == "th":
                scope = (box.element.get("scope") or "col").lower()
                element["A"]["Scope"] = SCOPES.get(scope, "/Column")
            boxes.extend(getattr(box, "children", ()))
