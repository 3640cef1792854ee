"""The report as one HTML file for the web (charts embedded as PNG with alt text); also the
source of the PDF."""

from __future__ import annotations

from dataclasses import replace

from django.template.loader import render_to_string

from laget.reports.document import Document, Section
from laget.reports.render import images


def with_images(document: Document) -> Document:
    """The document with each chart block given its PNG as a data URI."""
    images.prerender(images.charts_of(document))

    def section(s: Section) -> Section:
        blocks = [
            {**b, "image": images.data_uri(b["spec"])} if b["kind"] == "chart" else b
            for b in s.blocks
        ]
        return replace(s, blocks=blocks)

    return replace(document, sections=[section(s) for s in document.sections])


def render_html(document: Document) -> str:
    return render_to_string(
        "reports/document.html",
        {
            "document": with_images(document),
            "created_iso": document.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )
