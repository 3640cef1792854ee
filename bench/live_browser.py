"""A browser for the live benchmarks (`bench.live`): one user's session against a running
server, through the login form, each request timed to the last byte of the answer."""

from __future__ import annotations

import http.client
import http.cookiejar
import math
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from bench.load.laget_pages import LOGIN, PASSWORD, csrf_token

NOT_COMPUTED = "ikke beregnet ennå"
OUTDATED = "Registeret er endret siden"


class Failed(Exception):
    """The benchmark could not measure what it set out to (a process failed, a page did not
    answer 200): it exits non-zero, after cleaning up."""


@dataclass
class Answer:
    status: int  # 0: no answer (the connection closed, a gunicorn worker timed out)
    seconds: float
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def not_computed(self) -> bool:
        return NOT_COMPUTED in self.text

    @property
    def outdated(self) -> bool:
        return OUTDATED in self.text


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the redirect is an answer of its own (a login's 302)


class Browser:
    """One user's session against a running server: cookies kept, redirects not followed, each
    request timed from sending it to the last byte of the answer."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def request(self, path: str, data: dict | list | None = None, timeout: float = 60) -> Answer:
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})  # noqa: S310
        begun = time.perf_counter()
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                content = answer.read()
                return Answer(
                    answer.status, time.perf_counter() - begun, content, dict(answer.headers)
                )
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            content = error.read()
            return Answer(error.code, time.perf_counter() - begun, content, dict(error.headers))
        except (OSError, http.client.HTTPException):
            return Answer(0, time.perf_counter() - begun, b"")

    def get(self, path: str, timeout: float = 60) -> Answer:
        return self.request(path, timeout=timeout)

    def csrf(self, html: str) -> str:
        token = csrf_token(html)
        if token is None:
            raise Failed("no CSRF token in the form")
        return token

    def log_in(self, username: str) -> Answer:
        """Through the login form, as a person does (Argon2: slow on purpose)."""
        form = self.get(LOGIN)
        if form.status != 200:
            raise Failed(f"the login form answered {form.status}")
        answer = self.request(
            LOGIN,
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf(form.text),
                "next": "",
            },
        )
        if answer.status != 302:
            raise Failed(f"{username} could not log in ({answer.status})")
        return answer


def location(answer: Answer) -> str:
    """The path a redirect points to."""
    target = answer.headers.get("Location", "")
    if not target:
        raise Failed(f"no redirect (status {answer.status})")
    return urllib.parse.urlsplit(target).path


def percentile(times: list[float], p: float) -> float:
    """Nearest rank: the smallest time that p % of the requests took at most."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]
