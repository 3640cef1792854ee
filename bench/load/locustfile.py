"""Load test: the demo users (`laget demo`) log in through the login form and browse the pages
their role uses, with 5–15 s to read each page (LOAD_THINK_MIN and LOAD_THINK_MAX seconds).

Run it with bench/load/run.py (`make loadtest`), which starts gunicorn, warms the pages and
prints the figures; or by hand against a running server:
`locust -f bench/load/locustfile.py --host http://127.0.0.1:8000 --headless -u 20 -r 2 -t 3m`.

Requests are named by page type (bench/load/laget_pages.py), so the figures are per kind of
page whatever the service. Anything but a 200 (a redirect to the login page, a 403, a 500, a
timeout) counts as an error.
"""

from __future__ import annotations

import csv
import itertools
import os
import random
import time
from urllib.parse import urlsplit

from laget_pages import (
    LOGIN,
    PASSWORD,
    ROLES,
    SERVICE,
    SERVICE_PAGES,
    Role,
    csrf_token,
    links,
    loaded_by_htmx,
    merge,
    page_type,
    pick,
)
from locust import HttpUser, between, events, task
from locust.exception import StopUser

ROLE = {role.name: role for role in ROLES}
THINK = between(
    float(os.environ.get("LOAD_THINK_MIN", "5")), float(os.environ.get("LOAD_THINK_MAX", "15"))
)

RECORD = os.environ.get("LOAD_RECORD")  # run.py: one CSV line per request, for exact percentiles

if RECORD:
    _record = open(RECORD, "a", newline="", buffering=1, encoding="utf-8")  # noqa: SIM115
    _writer = csv.writer(_record)

    @events.request.add_listener
    def _on_request(request_type, name, response_time, exception, **_kwargs) -> None:
        error = "" if exception is None else str(exception)[:300]
        _writer.writerow([f"{time.time():.3f}", request_type, name, f"{response_time:.1f}", error])

    @events.user_error.add_listener
    def _on_user_error(user_instance, exception, tb, **_kwargs) -> None:
        _writer.writerow([f"{time.time():.3f}", "", "user error", "", repr(exception)[:300]])

    @events.quitting.add_listener
    def _on_quitting(**_kwargs) -> None:
        _record.close()


class LagetUser(HttpUser):
    abstract = True
    role: Role
    wait_time = THINK

    def on_start(self) -> None:
        self.username = next(self._usernames)
        self.pages: dict[str, list[str]] = {}
        landing = self.log_in()
        html = self.visit(landing)
        if html is None:
            raise StopUser
        merge(self.pages, links(html))

    def __init_subclass__(cls, **kwargs) -> None:
        """Each role's share of the simulated users, and its demo logins taken in turn."""
        super().__init_subclass__(**kwargs)
        if getattr(cls, "role", None) is not None:
            cls.weight = cls.role.weight
            cls._usernames = itertools.cycle(cls.role.usernames)

    def log_in(self) -> str:
        """Through the real form: its CSRF token, then the post; returns where it sends us."""
        form = self.visit(LOGIN)
        token = csrf_token(form or "")
        if token is None:
            raise StopUser
        with self.client.post(
            LOGIN,
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
                "next": "",
            },
            headers={"Referer": f"{self.host}{LOGIN}"},
            name="login (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login as {self.username}: {response.status_code}, no redirect")
                raise StopUser
            return urlsplit(response.headers["Location"]).path

    def visit(self, path: str, *, htmx_from: str | None = None) -> str | None:
        """GET one page; anything but 200 is an error. Then what the page loads with htmx."""
        headers = {"HX-Request": "true", "HX-Current-URL": f"{self.host}{htmx_from}"}
        with self.client.get(
            path,
            name=page_type(path) or path,
            headers=headers if htmx_from else None,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                where = response.headers.get("Location", "")
                response.failure(f"{response.status_code} {where}".strip())
                return None
            html = response.text
        if htmx_from is None:
            for part in loaded_by_htmx(html):
                self.visit(part, htmx_from=path)
        return html

    @task
    def browse(self) -> None:
        name = pick(self.role.visits, self.pages)
        if name == SERVICE:
            self.open_service()
        elif name is not None:
            self.visit(random.choice(self.pages[name]))  # noqa: S311 - not security

    def open_service(self) -> None:
        """An aggregate user: one service from the overview, then one of its pages."""
        html = self.visit(random.choice(self.pages["service start page"]))  # noqa: S311
        if html is None:
            return
        on_page = links(html)
        name = pick(SERVICE_PAGES, on_page)
        if name is not None:
            self.wait()
            self.visit(random.choice(on_page[name]))  # noqa: S311


class Leader(LagetUser):
    role = ROLE["leader"]


class Employee(LagetUser):
    role = ROLE["employee"]


class Municipal(LagetUser):
    role = ROLE["municipal"]


class County(LagetUser):
    role = ROLE["county"]


class National(LagetUser):
    role = ROLE["national"]
