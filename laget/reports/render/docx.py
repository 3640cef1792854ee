"""The report as a Word document with real styles: Title, Heading 1–3, lists, tables with a
repeated header row, and charts as pictures with alt text. Norwegian (nb-NO) throughout.
The same report gives the same bytes: the zip entries carry the document's own date."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from laget.reports.document import Document, Part
from laget.reports.render import images

NOTE_STYLE = "Laget kilde"
SCOPE_STYLE = "Laget omfang"


def _styles(doc) -> None:
    styles = doc.styles
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(8.5)
    note.font.italic = True
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    scope = styles.add_style(SCOPE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    scope.base_style = styles["Normal"]
    scope.font.size = Pt(9)
    scope.font.bold = True
    # the document's language, for spelling and for screen readers
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nb-NO")


def _text(doc, parts: list[Part]) -> None:
    for part in parts:
        if part.kind == "ul":
            for line in part.lines:
                doc.add_paragraph(line, style="List Bullet")
        else:
            doc.add_paragraph(part.lines[0])


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(doc, columns: list[str] | None, rows: list[list[str]]) -> None:
    """A table; with `columns`, a bold header row repeated on every page (facts have none)."""
    width = len(columns) if columns else len(rows[0])
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if columns:
        header = table.add_row()
        for cell, label in zip(header.cells, columns, strict=True):
            cell.paragraphs[0].add_run(label).bold = True
        _repeat_header(header)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value


def _picture(doc, block: dict) -> None:
    doc.add_picture(io.BytesIO(images.png(block["spec"])), width=Cm(16))
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", block["alt"])
    inline.docPr.set("title", block["title"])


def _block(doc, block: dict, level: int) -> None:
    """A generated block under a heading one level below its section's."""
    if block.get("title"):
        doc.add_heading(block["title"], level=level)
    if block.get("scope"):
        doc.add_paragraph(block["scope"], style=SCOPE_STYLE)
    kind = block["kind"]
    if kind == "facts":
        _table(doc, None, block["items"])
    elif kind == "table":
        _table(doc, block["columns"], block["rows"])
    elif kind == "chart":
        _picture(doc, block)
    elif kind == "bullets":
        for item in block["items"]:
            doc.add_paragraph(item, style="List Bullet")
    elif kind == "text":
        for paragraph in block["paragraphs"]:
            doc.add_paragraph(paragraph)
    if block.get("note"):
        doc.add_paragraph(block["note"], style=NOTE_STYLE)


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same entries in the same order, each dated `when` instead of now."""
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def render_docx(document: Document) -> bytes:
    images.prerender(images.charts_of(document))
    doc = new_docx()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    properties = doc.core_properties
    properties.title = f"{document.title}: {document.subtitle}"
    properties.subject = "Tilstandsrapport for barneverntjenesten"
    properties.author = "Laget"
    properties.last_modified_by = "Laget"
    properties.language = document.language
    properties.created = properties.modified = document.created.replace(tzinfo=None)
    properties.revision = 1

    doc.add_heading(document.title, level=0)
    doc.add_paragraph(document.subtitle, style="Subtitle")
    if document.synthetic_notice:
        notice = doc.add_paragraph(style="Intense Quote").add_run(document.synthetic_notice)
        notice.bold = True
    if document.draft:
        doc.add_paragraph("UTKAST – ikke endelig", style="Intense Quote")
    for line in document.lines:
        doc.add_paragraph(line)
    for part in document.sections:
        doc.add_heading(part.heading, level=part.level)
        _text(doc, part.text)
        for block in part.blocks:
            _block(doc, block, part.level + 1)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), document.created)
