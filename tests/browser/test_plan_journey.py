"""Issue 4: a leader, as a new user would, goes from the service overview to a saved plan with
three measures and sees the projection change when a measure is added."""

import re

import pytest
from playwright.sync_api import expect

from laget.competence.selectors import competence_overview
from laget.organisations.models import Service

pytestmark = pytest.mark.browser


def _at_risk_staff(service):
    from django.utils import timezone

    from laget.accounts.models import User

    overview = competence_overview(
        user=User.objects.get(username="admin"),
        services=[service],
        today=timezone.localdate(),
        with_persons=True,
    )
    return [
        row.person.full_name
        for row in overview.persons
        if row.result.status.key == "at_risk" and any("studiepoeng" in s for s in row.shortfalls)
    ]


def _share(text: str) -> float:
    """How many more are expected to meet the requirement with the plan's measures, with one
    decimal («0,4 flere ansatte»; the share itself is in whole percent and may not move)."""
    return float(re.search(r"(\d+,\d)\s*flere ansatte", text).group(1).replace(",", "."))


def test_leader_makes_a_plan_with_three_measures_and_sees_the_projection_move(session, demo):
    trondheim = Service.objects.get(slug="trondheim")
    names = _at_risk_staff(trondheim)[:3]
    assert len(names) == 3
    session.login("leder.trondheim")
    page = session.page
    page.get_by_role("link", name="Kompetanseplan", exact=True).click()
    page.get_by_role("button", name="Start eller åpne plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompetanseplan")
    page.get_by_label("Minoritetskompetanse").check()
    page.get_by_label("Merknader til kartleggingen").fill("Mange mangler videreutdanning.")
    page.locator("#mapping").get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status").first).to_contain_text("Lagret")
    page.get_by_role("textbox", name="Framtidig behov").fill(
        "Alle som mangler studiepoeng får plass innen 2028."
    )
    page.get_by_label("Tidshorisont (år)").fill("2028")
    page.locator("#need").get_by_role("button", name="Lagre").click()
    assert session.axe_violations() == []
    effect = page.locator("#planens-effekt")
    start = _share(effect.inner_text())
    for number, name in enumerate(names, start=1):
        form = page.locator("#tiltak form[hx-post]")
        form.get_by_label("Type tiltak").select_option("further_education")
        form.get_by_label("Ansatt").select_option(label=name)
        form.get_by_label(re.compile(r"^Tiltak")).fill(f"Videreutdanning {number}")
        form.get_by_label("Studiepoeng").fill("30")
        form.get_by_label("Semester").fill("H2027")
        form.get_by_label("Ferdig").fill("2028-06-30")
        form.get_by_role("button", name="Legg til tiltak").click()
        expect(page.locator("#tiltak table")).to_contain_text(f"Videreutdanning {number}")
        if number == 1:
            expect(effect).not_to_contain_text(f"{start:.1f}".replace(".", ",") + " flere")
            session.screenshot("plan-first-measure")
    assert _share(page.locator("#planens-effekt").inner_text()) > start
    assert session.axe_violations() == []
    assert session.csp_violations() == []
    page.reload()
    expect(page.locator("#tiltak table tbody tr")).to_have_count(3)
    session.screenshot("plan-three-measures")
    # deleting a measure asks first: cancelled, it stays; confirmed, it goes
    row = page.locator("#tiltak table tbody tr", has_text="Videreutdanning 3")
    questions: list[str] = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    row.get_by_role("button", name=re.compile("^Slett")).click()
    expect(page.locator("#tiltak table tbody tr")).to_have_count(3)
    assert questions == [
        "Slette tiltaket «Videreutdanning 3» fra kompetanseplanen? Det kan ikke angres."
    ]
    page.once("dialog", lambda dialog: answer(dialog, True))
    row.get_by_role("button", name=re.compile("^Slett")).click()
    expect(page.locator("#tiltak table tbody tr")).to_have_count(2)
