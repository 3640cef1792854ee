"""The publication layer in a request: every stored figure read is noted, and a page whose
figures are not built yet says so."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from laget.publication.published import NotComputed, noting


class StoredFiguresMiddleware:
    """Notes every stored publication a request reads (`published.noting`, for the «Tall per
    …, beregnet …» line) and answers a page whose figures the worker has not built
    yet with «ikke beregnet ennå» instead of building them (`NotComputed`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with noting():  # a TemplateResponse is rendered inside too, by the handler
            return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, NotComputed):
            return None
        template = (
            "publication/not_computed_fragment.html"
            if request.htmx
            else "publication/not_computed.html"
        )
        response = render(
            request,
            template,
            {"title": _("Tallene er ikke beregnet ennå"), "day": exception.day},
        )
        response["Retry-After"] = "30"
        return response
