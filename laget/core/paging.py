"""One way to page a long list (`?side=`), and every row when the page's tables are downloaded
(`laget.core.page_tables`: `?tabeller=xlsx` gives the whole list, not its first 50)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def page_of(request, rows, per_page: int) -> Page:
    """The page `?side=` asks for (the first or last if it asks for none or too much); all rows
    on one page when the request is for the page's tables as a workbook."""
    if getattr(request, "laget_all_rows", False):
        per_page = max(Paginator(rows, 1).count, 1)
    return Paginator(rows, per_page).get_page(request.GET.get("side"))
