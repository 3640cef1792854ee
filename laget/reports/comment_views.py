"""The comment round on a tilstandsrapport: a reviewer's comment, an answer in its thread,
a comment marked as handled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laget.reports import access, services
from laget.reports.forms import AnswerForm, CommentForm
from laget.reports.models import ReportComment


@login_required
@require_POST
def comment_add(request, report_id: int):
    report = access.get_report_or_404(request.user, report_id)
    if not access.can_comment(request.user, report):
        raise PermissionDenied
    form = CommentForm(request.POST, sections=report.template.sections)
    if form.is_valid():
        services.comment_add(
            actor=request.user,
            report=report,
            key=form.cleaned_data["section_key"],
            title=form.cleaned_data["author_title"],
            text=form.cleaned_data["text"],
            override_kinds=form.override_kinds,
        )
        messages.success(request, _("Kommentaren er lagret."))
        return redirect("reports:detail", report_id=report.pk)
    return render(
        request, "reports/comment_error.html", {"report": report, "form": form}, status=400
    )


@login_required
@require_POST
def comment_handled(request, report_id: int, comment_id: int):
    report = access.get_report_or_404(request.user, report_id)
    if not access.can_edit(request.user, report):
        raise PermissionDenied
    comment = get_object_or_404(ReportComment, pk=comment_id, report=report)
    services.comment_handled(actor=request.user, comment=comment, now=timezone.now())
    return redirect(
        reverse("reports:detail", kwargs={"report_id": report.pk}) + f"#s-{comment.section_key}"
    )


@login_required
@require_POST
def comment_answer(request, report_id: int, comment_id: int):
    """An answer in a comment's thread (the leader's settles the comment)."""
    report = access.get_report_or_404(request.user, report_id)
    comment = get_object_or_404(ReportComment, pk=comment_id, report=report)
    if not access.can_answer(request.user, report):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.comment_answer(
            actor=request.user,
            comment=comment,
            text=form.cleaned_data["text"],
            now=timezone.now(),
            override_kinds=form.override_kinds,
        )
        messages.success(request, _("Svaret er lagret."))
        return redirect(
            reverse("reports:detail", kwargs={"report_id": report.pk}) + f"#k-{comment.pk}"
        )
    return render(
        request,
        "reports/answer_error.html",
        {"report": report, "comment": comment, "answer_form": form},
        status=400,
    )
