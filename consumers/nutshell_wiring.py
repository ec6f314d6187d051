"""The Nutshell client for a command, from the settings (environment) — the only place one is made."""

from __future__ import annotations

from typing import Any

from adapters.nutshell.client import NutshellClient
from consumers.bootstrap import Settings
from domain.errors import AuthenticationFailed


def nutshell_client(settings: Settings, **options: Any) -> NutshellClient:
    if not settings.nutshell_user or not settings.nutshell_api_key:
        raise AuthenticationFailed(
            "set C2N_NUTSHELL_USER and C2N_NUTSHELL_API_KEY (a sandbox from `c2n sandbox serve` "
            "prints them)")
    options.setdefault("rate_limit", settings.nutshell_rate)
    return NutshellClient(settings.nutshell_url, settings.nutshell_user,
                          settings.nutshell_api_key, **options)
