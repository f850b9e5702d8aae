"""Who may open which view.

Every view declares its rule with exactly one of these decorators. create_app
refuses to start when a view has none, and tests/web/test_access_matrix.py
walks every route for every role against its own table.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort
from flask_login import current_user

from jlpt_app.extensions import login_manager
from jlpt_app.programme import Role

PUBLIC = "public"
SIGNED_IN = "signed-in"

AccessRule = frozenset[Role] | str


def _declare(view: Callable[..., Any], rule: AccessRule) -> Callable[..., Any]:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """Anyone, signed in or not."""
    return _declare(view, PUBLIC)


def signed_in(view: Callable[..., Any]) -> Callable[..., Any]:
    """Any signed-in account, whatever its role."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return _declare(wrapped, SIGNED_IN)


def allow(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only signed-in accounts of these roles; ownership is checked in the view's service."""
    allowed = frozenset(roles)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return _declare(wrapped, allowed)

    return decorator


def rule_of(app: Flask, endpoint: str) -> AccessRule | None:
    if endpoint == "static":
        return PUBLIC
    return getattr(app.view_functions[endpoint], "access_rule", None)


def assert_every_view_declared(app: Flask) -> None:
    missing = sorted(ep for ep in app.view_functions if rule_of(app, ep) is None)
    if missing:
        raise RuntimeError(f"views without an access rule: {', '.join(missing)}")
