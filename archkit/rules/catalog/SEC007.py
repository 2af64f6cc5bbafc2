"""SEC007 — user authentication is declared but there is no identity provider."""

from __future__ import annotations

from collections.abc import Iterator

from archkit.rules.base import Hit, Rule, listing
from archkit.rules.context import Context

USER_AUTH = ("jwt", "oauth2")


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.of_kind("identity"):
        return
    users = [c.id for c in ctx.arch.components if c.auth in USER_AUTH]
    if users:
        yield Hit(
            tuple(users),
            f"{listing(users)} {'authenticates' if len(users) == 1 else 'authenticate'} users with tokens (jwt/oauth2), but no identity provider issues them",
        )


RULE = Rule(
    code="SEC007",
    name="no-identity-provider",
    category="security",
    severity="medium",
    summary="Components verify user tokens (jwt/oauth2) but the model has no identity provider.",
    rationale="Tokens need an issuer: login, password or MFA handling, key rotation and revocation. Without one in "
    "the design, that work ends up improvised inside an application service.",
    fix="Add a component of kind `identity` (your own, or a hosted one such as Auth0/Cognito modelled as identity) "
    "and link the entry to it for token refresh or key fetch.",
    reads=("components.auth", "components.kind"),
    check=check,
)
