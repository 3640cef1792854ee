import re

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _

from laget.core import page_tables
from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.core.xlsx import XLSX_CONTENT_TYPE


class NoStoreForAuthenticatedMiddleware:
    """Pages for a logged-in user hold personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class TablesAsExcelMiddleware:
    """`?tabeller=xlsx` on any page: the view answers as always (its access checks, its
    protection), and the tables of its page leave as a workbook (`laget.core.page_tables`).
    A page without a table answers 404; the download is in the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_tables.wanted(request) or getattr(request, "htmx", False):
            return self.get_response(request)
        request.laget_all_rows = True  # a paged list gives every row (laget.core.paging)
        response = self.get_response(request)
        if (
            response.status_code != 200
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        heading, tables = page_tables.page_tables(response.content)
        if not tables:
            raise Http404(_("Siden har ingen tabeller å laste ned."))
        now = timezone.localtime()
        match = request.resolver_match
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            summary=_("Lastet ned tabellene på en side som Excel (%(tables)s tabeller)"),
            values={"tables": len(tables)},
            service=_service_id(request),
            changes={
                "view": re.sub(r"[^a-z0-9_]", "_", match.view_name.lower())[:50] if match else ""
            },
        )
        content = page_tables.workbook(
            heading, tables, page=request.build_absolute_uri(request.path), when=now
        )
        name = slugify(heading)[:60] or "tabeller"
        answer = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        answer["Content-Disposition"] = f'attachment; filename="{name}-{now:%Y-%m-%d}.xlsx"'
        return answer


def _service_id(request) -> int | None:
    """The service a page under /tjenester/<pk>/ belongs to (the view has found it and
    checked the user's access to it), for the audit log."""
    match = request.resolver_match
    pk = match.kwargs.get("pk") if match else None
    return pk if isinstance(pk, int) and request.path.startswith("/tjenester/") else None
