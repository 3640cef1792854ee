"""The report as a tagged PDF (PDF/UA-1) from the same HTML, with WeasyPrint. The document's
date and identifier come from the report, so the same report gives the same bytes."""

from __future__ import annotations

import hashlib

from laget.reports.document import Document
from laget.reports.render.html import render_html


def render_pdf(document: Document) -> bytes:
    # imported here: WeasyPrint needs Pango, and the rest of Laget runs without it
    from weasyprint import HTML

    html = render_html(document)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return HTML(string=html, base_url=None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier
    )
