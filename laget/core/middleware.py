from django.utils.cache import add_never_cache_headers


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


class StoredFiguresMiddleware:
    """Notes every stored publication a request reads (`core.published.noting`, for the
    «Tall per …, beregnet …» line) and answers a page whose figures the worker has not built
    yet with «ikke beregnet ennå» instead of building them (`NotComputed`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from laget.core.published import noting

        with noting():  # a TemplateResponse is rendered inside too, by the handler
            return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from laget.core.published import NotComputed

        if not isinstance(exception, NotComputed):
            return None
        template = "core/not_computed_fragment.html" if request.htmx else "core/not_computed.html"
        response = render(
            request,
            template,
            {"title": _("Tallene er ikke beregnet ennå"), "day": exception.day},
        )
        response["Retry-After"] = "30"
        return response
