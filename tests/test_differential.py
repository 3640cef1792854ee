"""A differential test (issue 13): what a county user gets about a small service does not
depend on how small it is. Frøya's pages and exports, as the county governor opens them, are
the same whether its register holds 2, 3 or 4 staff."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from laget.organisations.models import Municipality
from tests.factories import ServiceFactory, staff_with_register
from tests.test_small_service_hidden import SERVICE_AGGREGATE_PAGES

pytestmark = pytest.mark.django_db

#: What changes from one request to the next whatever the data: tokens, nonces, the date, and
#: the minute the figures were computed («beregnet … kl. 01.26»), which moves when a test run
#: crosses a minute between two refreshes.
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
    re.compile(r'"X-CSRFToken": "[^"]+"'),
    re.compile(r'nonce="[^"]+"'),
    re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}"),
    re.compile(r"kl\. \d{2}\.\d{2}"),
]


def _steady(text: str) -> str:
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


def _seen(response) -> object:
    """The page's text, or an export's cells: what the user gets, less what always varies (in
    a workbook too: its «Tallene» row says when the figures were computed)."""
    if response["Content-Type"].startswith("text/html"):
        return _steady(response.content.decode())
    workbook = load_workbook(io.BytesIO(response.content))
    return [
        [
            [_steady(cell) if isinstance(cell, str) else cell for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in workbook.worksheets
    ]


def test_a_small_service_looks_the_same_to_the_county_with_two_three_or_four_staff(client, world):
    froya = ServiceFactory(
        name="Frøya", slug="froya", host_municipality=Municipality.objects.get(number="5014")
    )
    client.force_login(world.user("county"))
    seen: dict[int, dict[str, object]] = {}
    staff_with_register(froya, 2)
    for size in (2, 3, 4):
        if size > 2:
            staff_with_register(froya, 1)
        seen[size] = {}
        for name in SERVICE_AGGREGATE_PAGES:
            response = client.get(reverse(name, kwargs={"pk": froya.pk}))
            assert response.status_code == 200, (name, size)
            seen[size][name] = _seen(response)
    for name in SERVICE_AGGREGATE_PAGES:
        assert seen[2][name] == seen[3][name] == seen[4][name], name
