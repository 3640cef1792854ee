"""Status report pages: the service's list, the report with its guidance, texts, figures and
comments, editing one chapter, comments, status, history and the downloads."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from laget.accounts import access as accounts_access
from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.reports import access, corrections, services
from laget.reports.content.context import figures_date
from laget.reports.correction_views import CORRECTED
from laget.reports.forms import (
    AnswerForm,
    CommentForm,
    ComparisonsForm,
    NewReportForm,
    RoundForm,
    SectionForm,
    SentForm,
)
from laget.reports.models import ReportComment, Status, StatusReport
from laget.reports.render import FORMATS, images
from laget.reports.selectors import ROUND_DAYS, comment_round, reports_unfinished


@login_required
@require_http_methods(["GET", "POST"])
def index(request, pk: int):
    """The service's reports; a leader starts one for a municipality and a year."""
    service = accounts_access.get_service_or_404(request.user, pk)
    today = timezone.localdate()
    may_create = access.can_create(request.user, service)
    form = NewReportForm(request.POST or None, service=service, today=today)
    if request.method == "POST":
        if not may_create:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.report_create(
                    actor=request.user,
                    service=service,
                    municipality=service.municipalities.get(pk=form.cleaned_data["municipality"]),
                    year=form.cleaned_data["year"],
                    comparisons=form.cleaned_data["comparisons"],
                    today=today,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("reports:detail", report_id=report.pk)
    reports = list(access.reports_visible(request.user).filter(service=service))
    inside = access.service_insider(request.user, service.pk)
    flagged = [r for r in reports if r.audit_failed] if inside else []
    year = request.GET.get("ar", "")
    unfinished = (
        reports_unfinished(service, int(year))
        if inside and year.isdigit() and len(year) == 4
        else None
    )
    return render(
        request,
        "reports/index.html",
        {
            "service": service,
            "reports": reports,
            "flagged": flagged,
            "may_correct": may_create,
            "form": form if may_create else None,
            "year": year,
            "unfinished": unfinished,
        },
    )


@login_required
@require_GET
def overview(request):
    """Every report the user may see (municipal management: its own municipality's)."""
    return render(
        request, "reports/overview.html", {"reports": access.reports_visible(request.user)}
    )


def _comments(report) -> dict[str, list[ReportComment]]:
    """Each chapter's comments (the threads' first), their answers prefetched in order."""
    grouped: dict[str, list[ReportComment]] = defaultdict(list)
    for comment in report.comments.filter(reply_to=None).prefetch_related("answers"):
        grouped[comment.section_key].append(comment)
    return grouped


@login_required
@require_GET
def detail(request, report_id: int):
    report = access.get_report_or_404(request.user, report_id)
    images.warm_up()  # the downloads render the charts
    may_edit = access.can_edit(request.user, report)
    document = services.report_document(report, today=timezone.localdate(), now=timezone.now())
    _chart_ids(document)
    edit_urls = (
        {
            s.key: reverse("reports:section_edit", kwargs={"report_id": report.pk, "key": s.key})
            for s in document.sections
        }
        if may_edit and report.editable
        else {}
    )
    in_review = access.in_review(request.user, report)
    comments = _comments(report) if in_review else {}
    for thread in (c for cs in comments.values() for c in cs):
        # an answer form per thread, its ids unique on the page
        form = AnswerForm(auto_id=f"svar-{thread.pk}-%s")
        thread.answer_form = form  # type: ignore[attr-defined]
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "document": document,
            "may_edit": may_edit,
            "in_review": in_review,
            "show_guidance": may_edit and report.editable,
            "edit_urls": edit_urls,
            "comments": comments,
            "open_comments": [c for cs in comments.values() for c in cs if not c.handled_at],
            "headings": {s.key: s.heading for s in document.sections},
            "without_text": [s.heading for s in document.sections if not s.text]
            if may_edit and report.editable
            else [],
            "comment_form": CommentForm(sections=report.template.sections)
            if access.can_comment(request.user, report)
            else None,
            "comparisons_form": ComparisonsForm(initial={"comparisons": report.comparisons})
            if may_edit and report.editable
            else None,
            "transitions": [(to, Status(to).label) for to in services.TRANSITIONS[report.status]]
            if may_edit
            else [],
            "sent_form": SentForm(initial={"sent_on": timezone.localdate()}),
            "round_form": RoundForm(
                initial={"comments_due": timezone.localdate() + timedelta(days=ROUND_DAYS)}
            ),
            "round": comment_round(report, comments, timezone.localdate()) if in_review else None,
            "may_answer": access.can_answer(request.user, report),
            "formats": list(FORMATS),
            "in_service": access.in_service(request.user, report),
            "has_withdrawn": report.withdrawn_versions.exists(),
        },
    )


def _chart_ids(document) -> None:
    """Each chart on a page gets an id of its own (the page shows them with vega-embed)."""
    for section in document.sections:
        for number, block in enumerate(section.blocks):
            if block["kind"] == "chart":
                block["chart_id"] = f"diagram-{section.key}-{number}"


def _editable_report(request, report_id: int):
    report = access.get_report_or_404(request.user, report_id)
    if not access.can_edit(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, report_id: int, key: str):
    report = _editable_report(request, report_id)
    section = report.template.section(key)
    if section is None:
        raise Http404
    if not report.editable:
        messages.error(request, _("Rapporten er ferdigstilt og kan ikke endres."))
        return redirect("reports:detail", report_id=report.pk)
    form = SectionForm(request.POST or None, initial={"text": report.texts.get(key, "")})
    if request.method == "POST" and form.is_valid():
        services.section_save(
            actor=request.user,
            report=report,
            key=key,
            text=form.cleaned_data["text"].strip(),
            override_kinds=form.override_kinds,
        )
        messages.success(request, _("Teksten er lagret."))
        return redirect(reverse("reports:detail", kwargs={"report_id": report.pk}) + f"#s-{key}")
    figures = services.section_figures(report, key, today=timezone.localdate(), now=timezone.now())
    _chart_ids(figures)
    return render(
        request,
        "reports/section_edit.html",
        {"report": report, "section": section, "form": form, "document": figures},
    )


@login_required
@require_POST
def comparisons_edit(request, report_id: int):
    report = _editable_report(request, report_id)
    form = ComparisonsForm(request.POST)
    if form.is_valid():
        try:
            services.comparisons_save(
                actor=request.user, report=report, comparisons=form.cleaned_data["comparisons"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Sammenligningene er lagret."))
    else:
        messages.error(request, _("Velg blant sammenligningene som står på siden."))
    return redirect(reverse("reports:detail", kwargs={"report_id": report.pk}) + "#s-sammenligning")


@login_required
@require_POST
def status_change(request, report_id: int):
    report = _editable_report(request, report_id)
    to = request.POST.get("to", "")
    if to == Status.FINAL and request.POST.get("confirmed") != "1":
        return _confirm_finalise(request, report)
    round_form = RoundForm(request.POST) if to == Status.COMMENTS else None
    if round_form is not None and not round_form.is_valid():
        messages.error(request, _("Oppgi en gyldig kommentarfrist."))
        return redirect("reports:detail", report_id=report.pk)
    sent = SentForm(request.POST) if to == Status.SENT else None
    if sent is not None and not sent.is_valid():
        if "council_reference" in sent.errors:  # the guard: a case number, nothing else
            messages.error(
                request,
                _("Saksnummeret er ikke lagret. %(errors)s")
                % {"errors": " ".join(str(e) for e in sent.errors["council_reference"])},
            )
        else:
            messages.error(request, _("Oppgi en gyldig dato for når rapporten ble sendt."))
        return redirect("reports:detail", report_id=report.pk)
    try:
        if to == CORRECTED:
            corrections.report_correct(actor=request.user, report=report, now=timezone.now())
        else:
            services.status_change(
                actor=request.user,
                report=report,
                to=to,
                today=timezone.localdate(),
                now=timezone.now(),
                sent_on=sent.cleaned_data["sent_on"] if sent else None,
                council_reference=sent.cleaned_data["council_reference"] if sent else "",
                comments_due=round_form.cleaned_data["comments_due"] if round_form else None,
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Den rettede versjonen er ferdigstilt. Den må sendes kommunestyret på nytt; "
                "den gamle versjonen er trukket tilbake."
            )
            if to == CORRECTED
            else _("Status er endret."),
        )
    return redirect("reports:detail", report_id=report.pk)


def _confirm_finalise(request, report: StatusReport):
    """Finalising freezes the figures: first say so, and what is not done yet (chapters
    without their own text, comments not handled). Nothing changes until confirmed."""
    if report.status not in (Status.DRAFT, Status.COMMENTS):
        messages.error(request, _("Rapporten kan ikke ferdigstilles fra denne statusen."))
        return redirect("reports:detail", report_id=report.pk)
    document = services.report_document(report, today=timezone.localdate(), now=timezone.now())
    return render(
        request,
        "reports/finalise.html",
        {
            "report": report,
            "as_of": figures_date(report.year, timezone.localdate()),
            "without_text": [s.heading for s in document.sections if not s.text],
            "open_comments": report.comments.filter(handled_at=None).count(),
        },
    )


@login_required
@require_GET
def history(request, report_id: int):
    """The versions, drafts included: for those who see the report as it is written."""
    report = access.get_report_or_404(request.user, report_id)
    if not access.in_review(request.user, report):
        raise PermissionDenied
    revisions = list(report.revisions.select_related("author"))
    chosen = None
    if "versjon" in request.GET:
        chosen = next((r for r in revisions if str(r.number) == request.GET["versjon"]), None)
        if chosen is None:
            raise Http404
    sections = (
        [(s, chosen.texts.get(s["key"], "")) for s in report.template.sections] if chosen else []
    )
    return render(
        request,
        "reports/history.html",
        {"report": report, "revisions": revisions, "chosen": chosen, "sections": sections},
    )


@login_required
@require_GET
def download(request, report_id: int, fmt: str):
    report = access.get_report_or_404(request.user, report_id)
    if fmt not in FORMATS:
        raise Http404
    writer, content_type = FORMATS[fmt]
    document = services.report_document(report, today=timezone.localdate(), now=timezone.now())
    data = writer(document)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=report,
        service=report.service,
        summary=_("Lastet ned tilstandsrapporten"),
        changes={"format": fmt},
    )
    response = HttpResponse(data, content_type=content_type)
    name = (
        f"tilstandsrapport-{report.year}-{report.service.slug}-{report.municipality.number}.{fmt}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
