"""Headless Chromium (Debian's package) driven by Playwright against a live server.

Screenshots go to artifacts/screenshots/ (git-ignored) so CI keeps them.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from laget.demo.services import DEMO_PASSWORD, demo_create

# Playwright's sync API runs an event loop in this thread; the live server runs the ORM in its
# own thread, but fixtures here touch the ORM too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LAGET_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FIT = """(narrow) => {
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + [...e.classList].map(c => '.' + c).join('');
  const label = e => (e.innerText || e.value || e.getAttribute('aria-label') || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  const found = [];
  if (!narrow) {
    for (const table of document.querySelectorAll('main table')) {
      const box = table.closest('.laget-table-scroll') || table.parentElement;
      const width = table.getBoundingClientRect().width;
      if (width > box.clientWidth + 1) {
        const caption = table.caption ? table.caption.innerText.trim().slice(0, 50) : name(table);
        found.push(`table «${caption}» ${Math.round(width)} px wide in ${box.clientWidth} px`);
      }
    }
    return found;
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  }
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const control of document.querySelectorAll(controls)) {
    if (control.classList.contains('ds-skip-link')) continue;  // on screen when focused
    const box = control.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // not shown, or text for screen readers
    if (getComputedStyle(control).visibility === 'hidden') continue;
    if (box.left < -1 || box.right > window.innerWidth + 1) {
      found.push(`${name(control)} «${label(control)}» at ${Math.round(box.left)}–`
                 + `${Math.round(box.right)} px`);
    }
  }
  return found.slice(0, 8);
}"""
"""What does not fit: at a desktop width (1366 px), every table wider than its container; at a
phone's, a page that scrolls sideways and every link, button or field (by its text) that sits
outside the viewport, in a table's scroll container or not: a control must be reachable without
scrolling sideways."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    return demo_create(today=timezone.localdate())


class Session:
    """One user's browser tab with helpers for logging in, checking and screenshotting."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and self.console_errors.append(
                    f"{m.text} @ {m.location.get('url')}:{m.location.get('lineNumber')}"
                )
            ),
        )

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        self.goto("/konto/logg-inn/")
        self.page.get_by_label("Brukernavn").fill(username)
        self.page.get_by_label("Passord").fill(password)
        self.page.get_by_role("button", name="Logg inn").click()
        self.page.wait_for_load_state("networkidle")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe_violations(self) -> list[str]:
        """WCAG 2.1 A/AA violations found by axe-core on the current page."""
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            + repr(AXE_TAGS)
            + "}})"
        )
        return [
            f"{v['id']}: {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
            for v in result["violations"]
        ]

    def axe_serious(self) -> list[str]:
        """Serious and critical WCAG 2.1 A/AA violations, for a crawl of many pages: every rule
        over the whole page, but colour contrast (nine tenths of axe's time on a long table) only
        on the first ten rows of each table body, which share their markup with the rest."""
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = self.page.evaluate(
            "async () => { const only = {type: 'tag', values: " + repr(AXE_TAGS) + "};"
            " const all = await axe.run(document, {runOnly: only, resultTypes: ['violations'],"
            " rules: {'color-contrast': {enabled: false}}});"
            " const contrast = await axe.run({exclude: [['tbody > tr:nth-child(n+11)']]},"
            " {runOnly: {type: 'rule', values: ['color-contrast']}, resultTypes: ['violations']});"
            " return all.violations.concat(contrast.violations); }"
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    def misfits(self) -> list[str]:
        """What does not fit the current viewport (see FIT)."""
        narrow = self.page.viewport_size["width"] < 1000
        return self.page.evaluate(FIT, narrow)

    def csp_violations(self) -> list[str]:
        return [e for e in self.console_errors if "Content Security Policy" in e]


@pytest.fixture
def session(browser, live_server) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    yield Session(page, live_server.url)
    context.close()


@pytest.fixture
def new_session(browser, live_server):
    contexts = []

    def make() -> Session:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        contexts.append(context)
        return Session(context.new_page(), live_server.url)

    yield make
    for context in contexts:
        context.close()
