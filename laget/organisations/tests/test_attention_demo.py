"""The leader's start page on the demo: each count opens exactly those (issue 16). One demo
for the module (`demo_module`); every test here only reads it."""

import re

import pytest
from django.urls import reverse

from laget.accounts.access import landing_url
from laget.accounts.models import User
from laget.competence import selectors
from laget.organisations.models import Service
from laget.reports.models import ReportComment
from laget.supervision.selectors import service_supervision

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li><a class="ds-link" href="([^"]+)"><strong>(\d+)</strong>')


def test_leder_trondheim_sees_the_counts_and_each_opens_exactly_those_persons(client, demo_module):
    today = demo_module
    leader = User.objects.get(username="leder.trondheim")
    trondheim = Service.objects.get(slug="trondheim")
    client.force_login(leader)
    html = client.get(landing_url(leader)).content.decode()  # where «/» sends the leader
    assert "Dette venter på deg" in html
    items = {url.replace("&amp;", "&"): int(n) for url, n in ITEM.findall(html)}
    lists = {url: n for url, n in items.items() if "/kompetanse/personer/" in url}
    assert len(lists) == 2  # the demo has staff at risk and staff who cannot make it
    for url, count in lists.items():
        status = url.rsplit("status=", 1)[1]
        listed = client.get(url).content.decode()
        assert re.search(rf"<caption[^>]*>{count} ansatte?\b", listed), url
        rows = selectors.service_persons(service=trondheim, today=today, status=status)
        assert len(rows) == count and {r.result.status.key for r in rows} == {status}
    overview = service_supervision(user=leader, service=trondheim, today=today)
    wanted = {
        "forsinket": {r.person.full_name for r in overview.rows if r.regularity.overdue},
        "introduksjon": {r.person.full_name for r in overview.rows if r.overdue_tasks},
    }
    for only, names in wanted.items():
        links = [n for url, n in items.items() if url.endswith(f"veiledning/?vis={only}")]
        assert links == ([len(names)] if names else []), only
        if names:
            listed = client.get(f"{reverse('supervision:service', args=[trondheim.pk])}?vis={only}")
            table = listed.content.decode().split('id="regelmessighet"')[1].split("</table>")[0]
            shown = set(re.findall(r'<th scope="row">([^<]+)', table))
            assert {name.strip() for name in shown} == names, only
    assert wanted["forsinket"]  # the demo has supervision overdue
    waiting = ReportComment.objects.filter(report__service=trondheim, handled_at__isnull=True)
    comments = [n for url, n in items.items() if url.endswith("/tilstandsrapport/")]
    assert comments == ([waiting.count()] if waiting.exists() else [])


def test_outside_the_service_nothing_waits_on_its_page(client, demo_module):
    trondheim = Service.objects.get(slug="trondheim")
    client.force_login(User.objects.get(username="statsforvalter.trondelag"))
    html = client.get(reverse("organisations:detail", kwargs={"pk": trondheim.pk})).content
    assert "Dette venter på deg".encode() not in html and not ITEM.findall(html.decode())
