"""The report's own text and reviewers' comments: an override of the guard is logged like
everywhere else, with the kinds of warning and never the text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from laget.reports.models import ReportComment
from tests.case_guard import CASE_TEXT, CONFIRM, REFUSAL, assert_override_logged

pytestmark = pytest.mark.django_db


def test_an_override_in_a_chapter_is_logged_with_its_kinds(client, world, report):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("reports:section_edit", kwargs={"report_id": report.pk, "key": "utfordringer"})
    assert REFUSAL in client.post(url, {"text": CASE_TEXT}).content.decode()
    report.refresh_from_db()
    assert "utfordringer" not in report.texts
    assert client.post(url, {"text": CASE_TEXT, **CONFIRM}).status_code == 302
    report.refresh_from_db()
    assert report.texts["utfordringer"] == CASE_TEXT
    assert_override_logged(report, leader)


def test_an_override_in_a_comment_is_logged_with_its_kinds(client, world, report):
    municipal = world.user("municipal")
    client.force_login(municipal)
    url = reverse("reports:comment_add", kwargs={"report_id": report.pk})
    data = {"section_key": "sammendrag", "author_title": "saksordfører", "text": CASE_TEXT}
    refused = client.post(url, data)
    assert refused.status_code == 400 and REFUSAL in refused.content.decode()
    assert not ReportComment.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    assert_override_logged(ReportComment.objects.get(), municipal)
