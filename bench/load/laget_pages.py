"""What the load test knows about Laget's pages, shared by locustfile.py and run.py.

No locust import here (locust patches the standard library with gevent when imported): only
the demo logins, the page types (one name per kind of page, so the figures are per page type
whatever the service), how to find a page's links and the login form's CSRF token.

The pages a user visits are not listed by hand: they are the links the app itself shows that
user, in the main menu and on the page they land on after login (a leader's service, the
services overview for municipal, county and national users), and the pages a page loads
itself with htmx (the projection on the competence page).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from html import unescape

PASSWORD = "laget-demo-2026"  # laget/demo/services.py DEMO_PASSWORD: demo data only
LOGIN = "/konto/logg-inn/"

# (path pattern, page type): every page a demo user reaches from the menus.
PAGE_TYPES = [
    (r"/konto/logg-inn/", "login form"),
    (r"/tjenester/", "services overview"),
    (r"/tjenester/\d+/", "service start page"),
    (r"/tjenester/\d+/kompetanse/", "service competence"),
    (r"/tjenester/\d+/framskriving/", "service projection (htmx)"),
    (r"/tjenester/\d+/ansatte/", "staff list"),
    (r"/tjenester/\d+/veiledning/", "supervision"),
    (r"/tjenester/\d+/introduksjon/", "onboarding"),
    (r"/tjenester/\d+/bemanning/", "service workforce"),
    (r"/tjenester/\d+/kompetanseplan/", "competence plan"),
    (r"/tjenester/\d+/tilstandsrapport/", "service status report"),
    (r"/kompetanse/", "competence overview"),
    (r"/bemanning/", "workforce overview"),
    (r"/nasjonalt/kapasitet/", "national capacity"),
    (r"/tilstandsrapporter/", "status reports overview"),
    (r"/personer/meg/", "my page"),
    (r"/veiledning/", "my supervision"),
]
_PATTERNS = [(re.compile(pattern + r"\Z"), name) for pattern, name in PAGE_TYPES]


@dataclass(frozen=True)
class Role:
    """A kind of user: the demo logins that have it, how many of the simulated users have it
    (weight), and how often each page type is visited once the user is on the site."""

    name: str
    usernames: tuple[str, ...]
    weight: int
    visits: dict[str, int] = field(default_factory=dict)


# An aggregate user opens one service from the overview, then one of its pages.
SERVICE = "a service"

ROLES = [
    Role(
        "leader",
        ("leder.trondheim", "leder.froya", "leder.roros", "hr.trondheim"),
        10,
        {
            "service start page": 3,
            "service competence": 3,
            "staff list": 2,
            "supervision": 2,
            "service workforce": 2,
            "onboarding": 1,
            "competence plan": 1,
            "service status report": 1,
        },
    ),
    Role("employee", ("ansatt.trondheim",), 2, {"my page": 3, "my supervision": 2}),
    Role(
        "municipal",
        ("kommune.trondheim", "kommune.os"),
        2,
        {
            "services overview": 2,
            "competence overview": 2,
            "workforce overview": 2,
            "status reports overview": 2,
            SERVICE: 2,
        },
    ),
    Role(
        "county",
        ("statsforvalter.trondelag",),
        3,
        {
            "services overview": 3,
            "competence overview": 3,
            "workforce overview": 3,
            "status reports overview": 1,
            "national capacity": 1,
            SERVICE: 3,
        },
    ),
    Role(
        "national",
        ("nasjonal",),
        3,
        {
            "services overview": 2,
            "competence overview": 3,
            "workforce overview": 3,
            "status reports overview": 1,
            "national capacity": 2,
            SERVICE: 2,
        },
    ),
]
# What an aggregate user opens on a service's start page (if the page links to it).
SERVICE_PAGES = {"service competence": 2, "service workforce": 2, "supervision": 1}

_HREF = re.compile(r'\shref="(/[^"#?]*)"')
_HX_LOAD = re.compile(r'<[^>]*\shx-get="(/[^"]*)"[^>]*\shx-trigger="load"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page_type(path: str) -> str | None:
    for pattern, name in _PATTERNS:
        if pattern.match(path):
            return name
    return None


def links(html: str) -> dict[str, list[str]]:
    """The page's links to known page types: {page type: [paths]}, in order, without repeats."""
    found: dict[str, list[str]] = {}
    for href in _HREF.findall(html):
        path = unescape(href)
        name = page_type(path)
        if name and path not in found.setdefault(name, []):
            found[name].append(path)
    return found


def loaded_by_htmx(html: str) -> list[str]:
    """What the page asks for as soon as it is loaded (hx-trigger="load")."""
    return [unescape(path) for path in _HX_LOAD.findall(html)]


def csrf_token(html: str) -> str | None:
    match = _CSRF.search(html)
    return match[1] if match else None


def merge(into: dict[str, list[str]], more: dict[str, list[str]]) -> dict[str, list[str]]:
    for name, paths in more.items():
        known = into.setdefault(name, [])
        known.extend(p for p in paths if p not in known)
    return into


def pick(weights: dict[str, int], available: dict[str, list[str]] | set[str]) -> str | None:
    """A page type by weight, among those this user has links to."""
    names = [n for n in weights if (n if n != SERVICE else "service start page") in available]
    if not names:
        return None
    return random.choices(names, [weights[n] for n in names])[0]  # noqa: S311 - not security
