"""A small method + path-pattern route table; route modules register into it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .context import Ctx
from .envelope import Response, method_not_allowed, not_found

Handler = Callable[[Ctx], Response]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str  # e.g. "/contacts/{id}/undelete"
    regex: re.Pattern[str]
    handler: Handler


class Router:
    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "/?$")

        def register(handler: Handler) -> Handler:
            self.routes.append(Route(method, pattern, regex, handler))
            return handler
        return register

    def resolve(self, method: str, path: str) -> tuple[Handler, dict[str, str]]:
        """The handler for a request, or the 404 page / 405 answer."""
        allowed = []
        for route in self.routes:
            m = route.regex.match(path)
            if m is None:
                continue
            if route.method == method:
                return route.handler, m.groupdict()
            allowed.append(route.method)
        if allowed:
            raise method_not_allowed(sorted(set(allowed)))
        raise not_found()
