"""Roster files for tests, written with the same libraries users' HR systems use."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from laget.people.roster.columns import COLUMNS

HEADERS = [c.header for c in COLUMNS]


def row(**values) -> list[str]:
    """A valid row; override any column by its key."""
    base = {
        "employee_number": "1001",
        "given_name": "Kari",
        "family_name": "Nordmann",
        "email": "kari@kommune.no",
        "birth_year": "1985",
        "position_title": "Barnevernskonsulent",
        "role_category": "kjerne",
        "unit": "",
        "fte_percent": "100",
        "start_date": "01.08.2019",
        "end_date": "",
        "end_reason": "",
        "education_level": "bachelor",
        "education_field": "Barnevern",
        "education_relevant": "ja",
        "education_institution": "NTNU",
        "education_completed": "15.06.2012",
        "further_completed_credits": "15",
        "further_in_progress_credits": "",
        "further_expected_end": "",
        "prior_experience_months": "",
        "prior_experience_from": "",
    }
    base.update(values)
    return [base.get(c.key, "") for c in COLUMNS]


def xlsx(rows: list[list], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list], headers: list[str] = HEADERS, *, delimiter=";", encoding="utf-8-sig"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
