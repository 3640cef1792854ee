"""Issue 6 as users meet it: the leader gives a new hire a supervision plan from the template
and logs two sessions (one tripping the case-information guard); the new employee confirms one
and sees their onboarding checklist."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from laget.accounts.models import User
from laget.supervision.models import SessionReflection, SupervisionPlan, SupervisionSession

pytestmark = pytest.mark.browser


def test_leader_plans_and_logs_the_employee_confirms_and_sees_onboarding(new_session, demo):
    employee = User.objects.get(username="ansatt.trondheim").person
    leader = new_session()
    leader.login("leder.trondheim")
    page = leader.page
    page.get_by_role("link", name="Veiledning: planlagt og holdt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Veiledning")
    # the person table is 50 a page: the leader finds the new employee by name
    page.locator("input[name=navn]").fill(employee.full_name)
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.locator("#regelmessighet")).to_contain_text(employee.full_name)
    leader.screenshot("supervision-leader-overview")
    assert leader.axe_violations() == []

    page.get_by_role("link", name="Ny veiledningsplan").click()
    page.get_by_role("combobox", name="Mal").select_option(label="Nyansatte: første år")
    page.get_by_label(employee.full_name).check()
    started = employee.employments.get().start_date
    page.get_by_role("textbox", name=re.compile(r"^Fra")).fill(
        started.isoformat()
    )  # the plan runs from the first day
    page.get_by_role("button", name="Opprett plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(employee.full_name)
    assert SupervisionPlan.objects.filter(person=employee).count() == 1
    assert leader.axe_violations() == []

    yesterday = (timezone.localdate() - timezone.timedelta(days=1)).isoformat()
    today = timezone.localdate().isoformat()
    form = page.locator("#samtaleskjema")
    form.get_by_label("Dato").fill(yesterday)
    form.get_by_role("combobox", name=re.compile(r"^Type")).select_option("process")
    form.get_by_label("Emosjonell belastning").check()
    form.get_by_label("Korte notater").fill("Snakket om en krevende uke og hva som hjelper.")
    form.get_by_role("button", name="Registrer samtalen").click()
    expect(page.get_by_role("status").first).to_contain_text("Samtalen er registrert")

    form = page.locator("#samtaleskjema")
    form.get_by_label("Dato").fill(today)
    form.get_by_label("Korte notater").fill("Gikk gjennom saken til Sofie, født 03.04.2015.")
    form.get_by_role("button", name="Registrer samtalen").click()
    summary = page.locator("#feiloppsummering")
    expect(summary).to_contain_text("Ser ut som et navn: «Sofie»")
    expect(summary).to_contain_text("Ser ut som en fødselsdato")
    leader.screenshot("supervision-guard")
    assert SupervisionSession.objects.filter(plan__person=employee).count() == 1
    page.locator("#samtaleskjema").get_by_label("Korte notater").fill(
        "Gikk gjennom vurderingene i en ny sak, uten detaljer."
    )
    page.locator("#samtaleskjema").get_by_role("button", name="Registrer samtalen").click()
    expect(page.locator("#samtaleliste tbody tr")).to_have_count(2)
    leader.screenshot("supervision-plan-two-sessions")
    assert leader.axe_violations() == [] and leader.csp_violations() == []

    staff = new_session()
    staff.login("ansatt.trondheim")
    page = staff.page
    page.get_by_role("link", name="Min veiledning").click()
    expect(page.get_by_role("heading", name="Min introduksjon")).to_be_visible()
    checklist = page.locator("#sjekkliste")
    expect(checklist).to_contain_text("Fadder er utpekt")
    expect(checklist.locator("li")).to_have_count(8)
    page.locator("#mine-samtaler summary").first.click()
    page.locator("#mine-samtaler textarea").first.fill("Det hjalp å snakke om uka.")
    page.locator("#mine-samtaler").get_by_role("button", name="Bekreft samtalen").first.click()
    expect(page.get_by_role("status").first).to_contain_text("Samtalen er bekreftet")
    expect(page.locator("#mine-samtaler")).to_contain_text("Det hjalp å snakke om uka.")
    assert SessionReflection.objects.filter(person=employee).count() == 1
    # tick an onboarding item (HTMX swaps the item in place)
    done = page.locator("#sjekkliste").get_by_role("button", name=re.compile("Gjort"))
    before = done.count()
    page.locator("#sjekkliste").get_by_role(
        "button", name=re.compile("Merk som gjort")
    ).first.click()
    expect(done).to_have_count(before + 1)
    staff.screenshot("supervision-employee")
    assert staff.axe_violations() == [] and staff.csp_violations() == []

    # the leader does not see the reflection
    leader.page.reload()
    expect(leader.page.locator("#samtaleliste")).not_to_contain_text("Det hjalp")


def test_the_other_supervision_pages_pass_axe(new_session, demo):
    from laget.organisations.models import Service
    from laget.supervision.models import Onboarding

    trondheim = Service.objects.get(slug="trondheim")
    session = new_session()
    session.login("leder.trondheim")
    onboarding = Onboarding.objects.filter(employment__service=trondheim).first()
    for path in (
        f"/tjenester/{trondheim.pk}/veiledning/maler/",
        f"/tjenester/{trondheim.pk}/veiledning/debrief/",
        f"/tjenester/{trondheim.pk}/introduksjon/",
        f"/veiledning/introduksjon/{onboarding.pk}/",
        f"/tjenester/{trondheim.pk}/veiledning/ny-plan/",
    ):
        session.goto(path)
        expect(session.page.get_by_role("heading", level=1)).to_be_visible()
        assert session.axe_violations() == [], path
    session.screenshot("supervision-onboarding")
    county = Service.objects.get(slug="froya")
    session = new_session()
    session.login("statsforvalter.trondelag")
    session.goto(f"/tjenester/{county.pk}/veiledning/")
    expect(session.page.locator("main .laget-suppressed").first).to_be_visible()
    assert session.axe_violations() == [] and session.csp_violations() == []
    session.screenshot("supervision-county-small-service")


def test_a_leader_gives_a_whole_unit_a_plan_with_one_box(session, demo):
    """«Velg alle i Lerkendal» checks the unit's staff and no one else's; clearing one leaves
    it half checked; the plans go to exactly those checked."""
    session.login("leder.trondheim")
    page = session.page
    page.get_by_role("link", name="Veiledning: planlagt og holdt").click()
    page.get_by_role("link", name="Ny veiledningsplan").click()
    unit = page.get_by_role("group", name="Lerkendal")
    members = unit.locator("input[type=checkbox]:not([data-select-all])")
    assert members.count() == 15
    unit.get_by_label("Velg alle i Lerkendal").check()
    assert all(members.nth(i).is_checked() for i in range(15))
    assert page.locator("input[name=persons]:checked").count() == 15  # no other unit's
    members.nth(0).uncheck()
    select_all = unit.get_by_label("Velg alle i Lerkendal")
    assert not select_all.is_checked()
    assert select_all.evaluate("box => box.indeterminate")
    session.screenshot("supervision-plan-new-velg-alle")
    assert session.axe_violations() == []
    before = SupervisionPlan.objects.count()
    page.get_by_role("combobox", name="Mal").select_option(index=1)
    page.get_by_role("button", name="Opprett plan").click()
    expect(page.get_by_role("status").first).to_contain_text("14 veiledningsplaner er opprettet")
    assert SupervisionPlan.objects.count() - before == 14
