"""A small method + path-pattern route table; route modules register into it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .context import Ctx
from .envelope import HttpError, Response, method_not_allowed, not_found

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
        matches = [(route, m) for route in self.routes
                   if (m := route.regex.match(path)) is not None]
        # `/leads/list` is its own resource, not `/leads/{id}` with id "list": the match with
        # the fewest parameters names the resource, and its methods make the Allow header.
        fewest = min((len(m.groupdict()) for _, m in matches), default=0)
        matches = [(route, m) for route, m in matches if len(m.groupdict()) == fewest]
        for route, m in matches:
            if route.method == method:
                return route.handler, m.groupdict()
        if any(route.method == "" for route, _ in matches):
            raise not_found()  # a path of the document the sandbox does not emulate
        if matches:
            raise method_not_allowed(sorted({route.method for route, _ in matches}))
        raise not_found()

    def not_emulated(self, pattern: str) -> None:
        """A literal path of Nutshell's document that would otherwise be read as an id
        (`/leads/report` as `/leads/{id}`): it answers as an unknown route."""
        self.add("", pattern)(lambda ctx: not_found().response)

    def methods(self, path: str) -> set[str]:
        """The methods served on a concrete path (what a 405's Allow header names)."""
        try:
            self.resolve("\0", path)
        except HttpError as exc:
            allow = exc.response.headers.get("Allow")
            return set(allow.split(", ")) if allow else set()
        return set()
