"""Issue 5 as users meet it: a leader reads the workforce page, imports a sick-leave file with
an error and then a good one, and holds an exit interview; the county governor reads the
aggregate page and sees small services suppressed."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from laget.workforce.models import ExitInterview, SickLeaveMonth

pytestmark = pytest.mark.browser


def _charts_ready(page, count: int) -> None:
    expect(page.locator("[data-vega-ready='true']")).to_have_count(count, timeout=15_000)


def test_leader_reads_imports_sick_leave_and_holds_an_exit_interview(session, demo, tmp_path):
    session.login("leder.trondheim")
    page = session.page
    page.get_by_role("link", name="Turnover og sykefravær de siste fem årene").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Turnover, sykefravær")
    _charts_ready(page, 3)  # turnover, sick leave, applicants
    year = timezone.localdate().year - 1
    expect(page.locator("#turnover-tabell")).to_contain_text(str(year))
    expect(page.locator("#sluttarsaker")).to_contain_text("Arbeidsmengde")
    assert "skjult" not in page.locator("#turnover-tabell").inner_text()
    session.screenshot("workforce-leader")
    assert session.axe_violations() == []

    page.get_by_role("link", name="Importer sykefravær").first.click()
    bad = tmp_path / "sykefravaer.csv"
    bad.write_text(
        "Måned;Avtalte dagsverk;Egenmeldte fraværsdagsverk;Legemeldte fraværsdagsverk;"
        "Antall ansatte\n2026-13;2000;30;170;100\n2026-09;100;60;70;100\n",
        encoding="utf-8",
    )
    before = SickLeaveMonth.objects.count()
    page.get_by_label("Fil med sykefravær per måned").set_input_files(str(bad))
    page.get_by_role("button", name="Last opp og sjekk").click()
    summary = page.locator("#feiloppsummering")
    expect(summary).to_contain_text("2 rader har feil")
    expect(summary).to_contain_text("er ikke en måned")
    expect(summary).to_contain_text("er flere enn de avtalte")
    assert SickLeaveMonth.objects.count() == before
    assert session.axe_violations() == []
    good = tmp_path / "sykefravaer-ok.csv"
    good.write_text(
        "Måned;Avtalte dagsverk;Egenmeldte fraværsdagsverk;Legemeldte fraværsdagsverk;"
        "Antall ansatte\n2026-10;2000;30,5;169,5;100\n",
        encoding="utf-8",
    )
    page.get_by_label("Fil med sykefravær per måned").set_input_files(str(good))
    page.get_by_role("button", name="Last opp og sjekk").click()
    expect(page.locator("#forhandsvisning")).to_contain_text("10,0")
    expect(page.locator("#forhandsvisning")).to_contain_text("Erstatter")
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("status").first).to_contain_text("1 erstattet")
    assert SickLeaveMonth.objects.count() == before

    page.get_by_role("link", name="Sluttsamtaler").first.click()
    interviews = ExitInterview.objects.count()
    page.get_by_role("link", name="Registrer sluttsamtale").first.click()
    page.get_by_label("Hvor går den ansatte").select_option("state")
    page.get_by_label("Kunne tenke seg å komme tilbake").select_option("maybe")
    page.get_by_label("Arbeidsmengde").select_option("3")
    page.get_by_label("Veiledning").select_option("2")
    page.get_by_label("Fritekst", exact=True).fill("For mange saker.")
    page.get_by_role("button", name="Lagre sluttsamtalen").click()
    expect(page.locator("#feiloppsummering")).to_contain_text("ikke sagt ja")
    assert ExitInterview.objects.count() == interviews
    assert session.axe_violations() == []
    page.get_by_label("Den ansatte har sagt ja til at friteksten lagres").check()
    page.get_by_role("button", name="Lagre sluttsamtalen").click()
    expect(page.get_by_role("status").first).to_contain_text("Sluttsamtalen er lagret")
    assert ExitInterview.objects.count() == interviews + 1
    session.screenshot("workforce-exits")
    assert session.csp_violations() == []


def test_county_governor_sees_the_region_with_small_services_suppressed(session, demo):
    session.login("statsforvalter.trondelag")
    page = session.page
    page.get_by_role("link", name="Turnover og sykefravær").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("i tjenestene")
    _charts_ready(page, 2)  # turnover and sick leave; no list of vacancies outside a service
    rows = page.locator(
        "#pertjeneste ~ table tbody tr, section[aria-labelledby=pertjeneste] tbody tr"
    )
    froya = page.locator("tr", has_text="Frøya")
    expect(froya).to_contain_text("skjult")
    trondheim = page.locator("tr", has_text="Trondheim barneverntjeneste")
    # its head count is shown; a year's turnover of the region's one large service may be
    # hidden to protect the small ones in the region's total (the protection decides)
    expect(trondheim.locator("td").first).to_have_text("100")
    assert rows.count() == 18
    session.screenshot("workforce-county")
    assert session.axe_violations() == []
    assert session.csp_violations() == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned som Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
