"""Issue 16: axe finds nothing serious or critical on any page a new user reaches from the menus,
for every demo role. The crawl logs in, starts at the landing page and follows the same-origin
links of every page it reaches (breadth first, to depth 4), one page per kind of address (the
numbers in it aside), at 1366, 390 and 320 px. Downloads, logging out and Django's own admin
are left out. Screenshots at 390 px go to artifacts/screenshots/crawl/.

The roles are crawled in three groups, one demo each: a service's own people, the users who see
aggregates only, and the administrator. Within a group, a page whose main content is exactly
one another role's crawl already checked at the same width is not checked again.

Issue 28, item 1: at each width the crawl also checks that the page fits (`Session.misfits`): at
1366 px no table is wider than its container, at 390 and 320 px the page does not scroll
sideways and no link, button or field sits outside the viewport. The pages and problems counted
per user and width go to artifacts/crawl/counts.txt and are printed."""

import hashlib
import re
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ROOT, SCREENSHOTS

pytestmark = pytest.mark.browser

GROUPS = {
    "tjenesten": {
        "leder.trondheim": 30,
        "hr.trondheim": 25,
        "avdelingsleder.midtbyen": 4,
        "ansatt.trondheim": 6,
    },
    "samletall": {"kommune.trondheim": 10, "statsforvalter.trondelag": 10, "nasjonal": 10},
    "administrator": {"admin": 25},
}
"""Each group's users, with the fewest pages the crawl must reach for each (a crawl that
stopped at the login page would otherwise pass)."""

WIDTHS = (1366, 390, 320)
MAX_DEPTH = 4
MAX_PAGES = 60  # per user; the leader reaches about 45 kinds of page
SKIPPED = re.compile(r"^/(admin|konto)/|/last-ned/|/eksport|/mal[/.]|\.(xlsx|csv|pdf|docx|json)$")
LINKS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download')).map(a => a.href)"""
MAIN = """() => { const main = document.querySelector('main');
  return main ? main.outerHTML.replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, '') : ''; }"""


def _kind(path: str) -> str:
    """One page per kind: /personer/80/ and /personer/113/ are the same page."""
    return re.sub(r"\d+", "N", urlsplit(path).path)


def _same_origin_links(session, seen: set[str]) -> list[str]:
    origin = urlsplit(session.base_url).netloc
    found = []
    for href in session.page.evaluate(LINKS):
        url = urlsplit(href)
        if url.scheme not in ("http", "https") or url.netloc != origin:
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if SKIPPED.search(url.path) or _kind(path) in seen:
            continue
        seen.add(_kind(path))
        found.append(path)
    return found


def _crawl(
    session, username: str, checked: set[tuple[int, str]], counts: dict[int, Counter]
) -> tuple[list[str], list[str]]:
    """The pages reached and every problem found on them, each naming page, role and width;
    `counts` gains, per width, the pages checked for fit and by axe and the problems found."""
    page = session.page
    session.login(username)
    start = urlsplit(page.url).path
    queue, seen = deque([(start, 0)]), {_kind(start)}
    reached, problems = [], []
    shots = SCREENSHOTS / "crawl" / username
    shots.mkdir(parents=True, exist_ok=True)
    while queue and len(reached) < MAX_PAGES:
        path, depth = queue.popleft()
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        try:
            response = session.goto(path)
        except Exception as error:  # a link that starts a download is not a page
            if "Download is starting" in str(error):
                continue
            raise
        page.wait_for_load_state("networkidle")
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        reached.append(path)
        if response.status != 200:
            problems.append(f"{username} {path}: the page answered {response.status}")
            continue
        main = hashlib.sha256(page.evaluate(MAIN).encode()).hexdigest()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            misfits = [f"{username} {path} at {width} px: {v}" for v in session.misfits()]
            problems += misfits
            counts[width]["pages"] += 1
            counts[width]["misfits"] += len(misfits)
            if (width, main) not in checked:
                checked.add((width, main))
                serious = [f"{username} {path} at {width} px: {v}" for v in session.axe_serious()]
                problems += serious
                counts[width]["axe"] += 1
                counts[width]["serious"] += len(serious)
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"
        page.screenshot(path=str(shots / f"{len(reached):02d}-{name}.png"), full_page=True)
        if depth < MAX_DEPTH:
            queue.extend((link, depth + 1) for link in _same_origin_links(session, seen))
    problems += [f"{username}: {e}" for e in session.csp_violations()]
    return reached, problems


@pytest.mark.parametrize("group", GROUPS)
def test_every_page_the_menus_lead_to_passes_axe_for_every_role(new_session, demo, group):
    checked: set[tuple[int, str]] = set()
    problems, lines = [], []
    for username, fewest in GROUPS[group].items():
        counts: dict[int, Counter] = {width: Counter() for width in WIDTHS}
        reached, found = _crawl(new_session(), username, checked, counts)
        problems += found
        lines += [
            f"{username:26} {width:5} px: {c['pages']:3} pages fit-checked, "
            f"{c['misfits']} not fitting; {c['axe']:3} by axe, {c['serious']} serious"
            for width, c in counts.items()
        ]
        assert len(reached) >= fewest, f"{username} reached only {reached}"
    summary = ROOT / "artifacts" / "crawl"
    summary.mkdir(parents=True, exist_ok=True)
    (summary / f"counts-{group}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    assert problems == [], "\n".join(problems)
