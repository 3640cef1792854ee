"""Issue 16, item 5: a step that cannot be undone asks first and says what will happen (cancelling
changes nothing), and a form whose work takes seconds says what it is doing while it runs."""

import re

import pytest
from playwright.sync_api import expect

from laget.organisations.models import Service
from laget.people.models import Education
from laget.reports.models import Status, StatusReport
from laget.supervision.models import SupervisionPlan

pytestmark = pytest.mark.browser

BUSY = """() => new Promise(resolve => {
  const form = document.querySelector('form[data-busy]');
  const status = form.querySelector('.laget-busy[role=status]');
  const before = status ? status.textContent : null;
  const button = form.querySelector('button[type=submit]');
  button.click();
  setTimeout(() => resolve({before, text: button.textContent.trim(), disabled: button.disabled,
                            status: form.querySelector('.laget-busy[role=status]').textContent}), 0);
})"""


def _answer(page, accept: bool) -> list[str]:
    asked: list[str] = []

    def handle(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", handle)
    return asked


def test_irreversible_steps_ask_first_and_cancelling_changes_nothing(session, demo):
    trondheim = Service.objects.get(slug="trondheim")
    entry = Education.objects.filter(person__employments__service=trondheim).first()
    session.login("leder.trondheim")
    page = session.page
    session.goto(f"/personer/{entry.person_id}/")
    delete = page.locator(f"form[action$='/utdanning/{entry.pk}/slett/'] button")

    asked = _answer(page, accept=False)
    delete.click()
    assert asked and "Det kan ikke angres" in asked[0] and entry.person.full_name in asked[0]
    assert Education.objects.filter(pk=entry.pk).exists()

    asked = _answer(page, accept=True)
    delete.click()
    expect(page.get_by_role("status").first).to_contain_text("Slettet")
    assert not Education.objects.filter(pk=entry.pk).exists()

    plan = SupervisionPlan.objects.filter(service=trondheim, ends_on__isnull=True).first()
    session.goto(f"/tjenester/{trondheim.pk}/veiledning/planer/{plan.pk}/")
    asked = _answer(page, accept=False)
    page.get_by_role("button", name="Avslutt planen i dag").click()
    assert asked and "kan ikke åpnes igjen" in asked[0] and plan.title in asked[0]
    plan.refresh_from_db()
    assert plan.ends_on is None

    # one button of several asks: registering as sent, which cannot be reopened after
    report = StatusReport.objects.filter(service=trondheim, status=Status.SENT).first()
    StatusReport.objects.filter(pk=report.pk).update(status=Status.FINAL, sent_on=None)
    session.goto(f"/tilstandsrapporter/{report.pk}/")
    page.get_by_label("Sendt kommunestyret").fill("2026-03-01")
    asked = _answer(page, accept=False)
    page.get_by_role("button", name="Registrer som sendt kommunestyret").click()
    assert asked and "ikke gjenåpnes" in asked[0]
    report.refresh_from_db()
    assert report.status == Status.FINAL and report.sent_on is None
    assert session.axe_violations() == []


def test_creating_a_report_says_so_while_it_runs_and_is_sent_once(session, demo):
    trondheim = Service.objects.get(slug="trondheim")
    before = StatusReport.objects.filter(service=trondheim).count()
    session.login("leder.trondheim")
    page = session.page
    session.goto(f"/tjenester/{trondheim.pk}/tilstandsrapport/")
    state = page.evaluate(BUSY)
    # the status region is there (empty) before the form is sent, so a screen reader reads it
    assert state["before"] == ""
    assert state["text"].startswith("Lager rapporten") and state["disabled"]
    assert state["status"].startswith("Lager rapporten")
    page.wait_for_url(re.compile(r"/tilstandsrapporter/\d+/$"), timeout=60_000)
    assert StatusReport.objects.filter(service=trondheim).count() == before + 1
