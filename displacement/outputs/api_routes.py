"""The data API's Starlette routes, which st.App mounts beside the dashboard (app.py). Apart from
displacement/outputs/api.py so the server can start without importing pandas and the data layer: they are
imported by the first API request (or by the server's warm start, components/warm_start.py)."""

from __future__ import annotations

from collections.abc import Callable

PREFIX = "/api/v1"


def _answer_safely(request, base: str):
    """A failure inside answers with a short JSON message, never a traceback or an HTML page."""
    from displacement.outputs import api
    query = {key: request.query_params.getlist(key) for key in request.query_params.keys()}
    try:
        return api.answer(request.url.path.removeprefix(base), query)
    except Exception as error:  # the data could not be read: say so plainly (the log has the details)
        import logging
        logging.getLogger(__name__).exception("API request failed: %s", request.url.path)
        return api.error_answer(500, "server", f"The figures could not be read ({type(error).__name__}).")


def path_prefix(base_path: str) -> str:
    """server.baseUrlPath as a prefix for st.App's routes: 'displacement/' -> '/displacement', '' -> ''."""
    return "/" + base_path.strip("/") if base_path.strip("/") else ""


def routes(setting: Callable[[str, object], object], base_path: str = "") -> list:
    """Starlette routes for st.App: every GET under /api/v1 goes to api.answer(), after the access check.
    st.App does not put server.baseUrlPath before its users' routes, so it is added here: behind a proxy
    serving the dashboard under /displacement/, the API is /displacement/api/v1/."""
    from starlette.responses import Response
    from starlette.routing import Route

    base = path_prefix(base_path)

    def endpoint(request) -> Response:
        from displacement.outputs import api
        public = api.is_public(setting)
        result = api.refusal(setting, request.headers) or _answer_safely(request, base)
        headers = {**result.headers, "X-Content-Type-Options": "nosniff",
                   # a protected dashboard's figures are not left in shared caches or read by other sites
                   "Cache-Control": "public, max-age=300" if public and result.status == 200 else "no-store"}
        if public:
            headers["Access-Control-Allow-Origin"] = "*"
        return Response(result.body, status_code=result.status, media_type=result.media_type, headers=headers)

    return [Route(base + PREFIX, endpoint, methods=["GET"]),
            Route(base + PREFIX + "/{rest:path}", endpoint, methods=["GET"])]
