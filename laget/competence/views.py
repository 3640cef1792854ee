from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from laget.accounts import access
from laget.competence import selectors


@login_required
@require_GET
def service_competence(request, pk: int):
    """Status against the requirement for one service; the person list for its leaders/HR."""
    service = access.get_service_or_404(request.user, pk)
    overview = selectors.competence_overview(
        user=request.user, services=[service], today=timezone.localdate(), with_persons=True
    )
    return render(request, "competence/service.html", {"service": service, "overview": overview})
