"""A report put together for output: the template's sections in order, each with the author's
text and the generated blocks. Plain data, so the DOCX, PDF and HTML writers share it and a
frozen report is composed from its snapshot exactly as it was."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from laget.reports.content.format import SUPPRESSED, Block

BULLET = re.compile(r"^\s*[-*•]\s+")

#: On the first page of every document made from demo data (DOCX, PDF, HTML)
SYNTHETIC_NOTICE = (
    "DEMODATA: Personene og tallene i denne rapporten er oppdiktet (syntetiske data laget av "
    "Lagets demo). Rapporten viser hvordan Laget virker, og sier ingenting om en virkelig "
    "barneverntjeneste."
)


@dataclass(frozen=True)
class Part:
    """A paragraph (`kind` "p") or a bullet list (`kind` "ul", one item per line)."""

    kind: str
    lines: list[str]


def parts(text: str) -> list[Part]:
    """The author's plain text: blank lines separate paragraphs; lines starting with «- »
    make a bullet list."""
    found = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(BULLET.match(line) for line in lines):
            found.append(Part("ul", [BULLET.sub("", line) for line in lines]))
        else:
            found.append(Part("p", [" ".join(lines)]))
    return found


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    level: int
    title: str
    guidance: str
    text: list[Part]
    blocks: list[Block]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    lines: list[str]  # under the title: who it is for, the figures' date, suppression
    draft: bool
    created: datetime  # the document's date: the finalisation for a frozen report
    sections: list[Section] = field(default_factory=list)
    language: str = "nb-NO"
    #: the notice that the people and figures are synthetic, or "" for real data
    synthetic_notice: str = ""


def compose(
    *,
    template_sections: list[dict],
    content: dict,
    texts: dict[str, str],
    status_label: str,
    draft: bool,
    created: datetime,
) -> Document:
    as_of = date.fromisoformat(content["as_of"])
    lines = [
        f"Til kommunestyret i {content['municipality']} kommune",
        f"Status: {status_label}",
        f"Tallene er hentet fra Laget {as_of:%d.%m.%Y} (kompetansekravet etter "
        f"{content['rule_set']}). Tall som bygger på færre enn fem personer, og tall som "
        f"ville avsløre dem, vises ikke («{SUPPRESSED}»): rapporten er et offentlig dokument.",
    ]
    if content.get("computed_at"):
        computed = timezone.localtime(datetime.fromisoformat(content["computed_at"]))
        figures_day = content.get("figures_day")
        if figures_day and figures_day != content["as_of"]:
            lines[-1] += (
                f" Tallene er fra Lagets utgivelse per {date.fromisoformat(figures_day):%d.%m.%Y}"
                " (tall som går ut av tjenesten, gis ut for faste datoer)."
            )
        lines[-1] += f" Tallene ble beregnet {computed:%d.%m.%Y} kl. {computed:%H.%M}."
    if content["inter_municipal"]:
        lines.append(
            f"{content['service']} er en interkommunal tjeneste for "
            f"{', '.join(content['members'])}. Denne rapporten gjelder {content['municipality']} "
            "kommune; tall for hele tjenesten er merket."
        )
    sections = [
        Section(
            key=s["key"],
            number=s["number"],
            level=int(s.get("level", 1)),
            title=s["title"],
            guidance=s.get("guidance", ""),
            # a part the sources ask for that the author left empty says so («ikke kartlagt»)
            text=parts(texts.get(s["key"], "")) or parts(s.get("if_empty", "")),
            blocks=[b for key in s.get("blocks", []) for b in content["blocks"].get(key, [])],
        )
        for s in template_sections
    ]
    return Document(
        title=f"Tilstandsrapport {content['year']}",
        subtitle=f"{content['service']} – {content['municipality']} kommune",
        lines=lines,
        draft=draft,
        created=created,
        sections=sections,
        synthetic_notice=SYNTHETIC_NOTICE if content.get("synthetic") else "",
    )
