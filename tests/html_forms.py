"""The forms on a rendered page, read with the standard library's HTML parser: where each form
goes, how it is sent, and its fields with the values the page offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class HtmlField:
    name: str
    kind: str  # the input's type, or "select", "textarea", "button"
    options: list[str] = field(default_factory=list)  # a select's, a radio's or a checkbox's
    initial: list[str] = field(default_factory=list)  # what the page has filled in or chosen
    multiple: bool = False  # a select with `multiple`, or several checkboxes of one name
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class HtmlForm:
    method: str  # "get" or "post"
    action: str  # the path the form is sent to (no query string)
    multipart: bool
    fields: dict[str, HtmlField] = field(default_factory=dict)
    htmx_target: str | None = None  # the element an HTMX form swaps (its id), if it is one

    def add(self, new: HtmlField) -> None:
        known = self.fields.get(new.name)
        if known is None:
            self.fields[new.name] = new
            return
        # radios and checkboxes of one name, or a name the page repeats
        known.options += [o for o in new.options if o not in known.options]
        known.initial += new.initial
        if new.kind == "checkbox" or known.kind == "checkbox":
            known.multiple = True


class _FormParser(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: HtmlField | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""
        self._textarea: HtmlField | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form":
            action = urlsplit(urljoin(self.page_path, attrs.get("action") or self.page_path)).path
            htmx = "hx-post" in attrs or "hx-get" in attrs
            self._form = HtmlForm(
                method=(attrs.get("method") or "get").lower(),
                action=action,
                multipart=attrs.get("enctype", "") == "multipart/form-data",
                htmx_target=attrs.get("hx-target", "").removeprefix("#") if htmx else None,
            )
            self.forms.append(self._form)
            return
        if tag == "option":
            if self._select is not None:
                self._option = (attrs.get("value"), "selected" in attrs)
                self._option_text = ""
            return
        if self._form is None or not attrs.get("name"):
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "reset", "image"):
                if attrs.get("name"):
                    self._form.add(HtmlField(attrs["name"], "button", [attrs.get("value", "")]))
                return
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio"):
                self._form.add(
                    HtmlField(
                        attrs["name"],
                        kind,
                        options=[value],
                        initial=[value] if "checked" in attrs else [],
                        attrs=attrs,
                    )
                )
            else:
                initial = [value] if value else []
                self._form.add(HtmlField(attrs["name"], kind, initial=initial, attrs=attrs))
        elif tag == "select":
            self._select = HtmlField(
                attrs["name"], "select", multiple="multiple" in attrs, attrs=attrs
            )
        elif tag == "textarea":
            self._textarea = HtmlField(attrs["name"], "textarea", attrs=attrs)
            self._form.add(self._textarea)
        elif tag == "button":
            self._form.add(HtmlField(attrs["name"], "button", [attrs.get("value", "")]))

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data
        elif self._textarea is not None:
            self._textarea.initial = [data.removeprefix("\n")]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("option", "select") and self._option is not None and self._select is not None:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            self._select.options.append(value)
            if selected:
                self._select.initial.append(value)
            self._option = None
        if tag == "select" and self._select is not None:
            if self._form is not None:
                self._form.add(self._select)
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_on(html: str, page_path: str) -> list[HtmlForm]:
    """Every <form> on the page, with its action made an absolute path."""
    parser = _FormParser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms
