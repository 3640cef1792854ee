"""Writers for a composed report: DOCX (python-docx), HTML (a Django template) and tagged PDF
(WeasyPrint from the HTML). The same document and the same chart images go into all three."""

from laget.reports.render.docx import render_docx
from laget.reports.render.html import render_html
from laget.reports.render.pdf import render_pdf

FORMATS = {
    "docx": (
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (render_pdf, "application/pdf"),
    "html": (lambda document: render_html(document).encode("utf-8"), "text/html; charset=utf-8"),
}

__all__ = ["FORMATS", "render_docx", "render_html", "render_pdf"]
