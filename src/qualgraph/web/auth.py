"""Bearer tokens: who may write.

Two kinds of caller carry a token (``Authorization: Bearer <token>``, RFC 6750):

* the **administrator**, whose token is ``settings.admin_token`` (environment ``QUALGRAPH_ADMIN_TOKEN``).
  Only the administrator may run raw SPARQL Update and write through the Graph Store Protocol: those can
  change any graph, so no agency token opens them;
* **agencies** (qualifications authorities submitting their own data, see the submissions issue), whose
  tokens are listed in a file named by ``settings.tokens_file`` (environment ``QUALGRAPH_TOKENS_FILE``),
  TOML or JSON::

      # tokens.toml: one table per agency, named by the agency's organisation slug
      [agencies.ph-tesda]
      token_sha256 = "5e88489...a2d"     # sha256 (hex) of the token: the file need not hold the token itself
      frameworks = ["ph-pqf"]            # what the agency may submit for

      [agencies.nz-nzqa]
      token = "a plain token"            # accepted too, for tests and quick setups
                                         # no frameworks list: it may submit for none

  An agency's token writes what the agency owns and nothing else (``qualgraph.submissions.ownership_problems``):
  the records of the frameworks in its ``frameworks`` list — a missing or empty list means **none**, never
  "all" —, its organisation (``organisation/<org-slug>``), and the records it created (described in no graph
  but its own submissions'). It may still *refer* to any record (a decision to the EQF's levels).

  The file is re-read when it changes, so tokens can be added or revoked without a restart.

Answers follow the project's rule: no token → 401 with ``WWW-Authenticate: Bearer``; a token that is not
valid, or valid but not allowed here → 403. Tokens are compared as SHA-256 digests with
:func:`hmac.compare_digest`, so the comparison time does not reveal how much of a token was right.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from fastapi import Depends, HTTPException, Request

from ..config import Settings

REALM = "qualgraph"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Principal:
    """Who a valid token belongs to."""

    name: str
    """``admin``, or the agency's organisation slug."""
    role: str
    """``admin`` or ``agency``."""
    frameworks: tuple[str, ...] = ()
    """Frameworks an agency may submit for; empty: none (a tokens-file entry without a ``frameworks`` list)."""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def submits_for(self) -> tuple[str, ...] | None:
        """The frameworks to hold a submission to (``Submissions.submit(frameworks=...)``); None for the
        administrator, who owns everything. Never None for an agency, so that no list cannot mean "all"."""
        return None if self.is_admin else self.frameworks


class TokenFileError(ValueError):
    """A tokens file that cannot be read; the message names the file and the problem."""


class TokenConfigurationBroken(RuntimeError):
    """The agencies' tokens file cannot be read: no agency token can be checked until the operator fixes it
    (answered 503, the service's fault, not the caller's; the file's problem goes to the log only)."""


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def load_agency_tokens(path: Path) -> list[tuple[bytes, Principal]]:
    """(sha256 digest, principal) for each agency of a TOML or JSON tokens file."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (OSError, ValueError) as e:
        raise TokenFileError(f"cannot read the tokens file {path}: {e}") from e
    entries: list[tuple[bytes, Principal]] = []
    for slug, entry in (data.get("agencies") or {}).items():
        if not isinstance(entry, dict):
            raise TokenFileError(f"{path}: agencies.{slug} must be a table")
        if "token_sha256" in entry:
            try:
                digest = bytes.fromhex(str(entry["token_sha256"]))
            except ValueError:
                raise TokenFileError(f"{path}: agencies.{slug}.token_sha256 is not hexadecimal") from None
            if len(digest) != 32:
                raise TokenFileError(f"{path}: agencies.{slug}.token_sha256 must be 64 hex digits")
        elif entry.get("token"):
            digest = _digest(str(entry["token"]))
        else:
            raise TokenFileError(f"{path}: agencies.{slug} needs token_sha256 (or token)")
        listed = entry.get("frameworks", [])  # missing: none, never every framework
        if not isinstance(listed, list) or not all(isinstance(f, str) for f in listed):
            raise TokenFileError(f'{path}: agencies.{slug}.frameworks must be a list of framework ids, '
                                 f'e.g. frameworks = ["ph-pqf"]')
        frameworks = tuple(listed)
        entries.append((digest, Principal(str(slug), "agency", frameworks)))
    return entries


class TokenRegistry:
    """The tokens the service accepts: the administrator's, and the agencies' file (re-read when it changes)."""

    def __init__(self, admin_token: str | None, tokens_file: Path | None) -> None:
        self._admin = _digest(admin_token) if admin_token else None
        self.tokens_file = tokens_file
        self._agencies: list[tuple[bytes, Principal]] = []
        self._stamp: tuple[int, int] | None = None
        self._broken: TokenFileError | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenRegistry":
        tokens_file = getattr(settings, "tokens_file", None) or os.environ.get("QUALGRAPH_TOKENS_FILE") or None
        return cls(settings.admin_token, Path(tokens_file) if tokens_file else None)

    def _agency_entries(self) -> list[tuple[bytes, Principal]]:
        if self.tokens_file is None:
            return []
        try:
            st = self.tokens_file.stat()
        except OSError:
            return []  # no file (yet): no agency tokens
        stamp = (st.st_mtime_ns, st.st_size)
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp
                try:
                    self._agencies, self._broken = load_agency_tokens(self.tokens_file), None
                except TokenFileError as e:  # logged once per version of the file, with its name and line
                    self._agencies, self._broken = [], e
                    log.error("agency tokens refused until the file is fixed: %s", e)
            if self._broken is not None:
                raise TokenConfigurationBroken("the service's token configuration is broken") from self._broken
            return self._agencies

    def identify(self, token: str) -> Principal | None:
        """The principal a token belongs to, or None."""
        digest = _digest(token)
        if self._admin is not None and hmac.compare_digest(digest, self._admin):
            return Principal("admin", "admin")
        found = None
        for candidate, principal in self._agency_entries():
            if hmac.compare_digest(digest, candidate):
                found = principal
        return found


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, or None when there is none."""
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def get_registry(request: Request) -> TokenRegistry:
    """The token registry the app's lifespan built from its settings."""
    return request.app.state.tokens


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": f'Bearer realm="{REALM}"'})


def check_token(request: Request, registry: TokenRegistry) -> Principal:
    """Any valid token (administrator or agency): 401 without a token, 403 with one that is not valid."""
    token = bearer_token(request)
    if token is None:
        raise _unauthorized("this operation needs a bearer token (Authorization: Bearer <token>)")
    try:
        principal = registry.identify(token)
    except TokenConfigurationBroken:
        raise HTTPException(503, "the service's token configuration is broken, so agency tokens cannot be "
                                 "checked; the operator has been told (see the service log). Try again later.",
                            headers={"Retry-After": "60"}) from None
    if principal is None:
        raise HTTPException(403, "the bearer token is not valid here")
    return principal


def check_admin(principal: Principal) -> Principal:
    """The administrator only: raw SPARQL Update and Graph Store writes. Agency tokens get 403."""
    if not principal.is_admin:
        raise HTTPException(
            403, f"the token of {principal.name} may submit data but not run raw updates; "
            "this operation needs the administrator's token"
        )
    return principal


async def authenticate(request: Request, registry: TokenRegistry = Depends(get_registry)) -> Principal:
    """Dependency: the caller's principal (any valid token), see :func:`check_token`."""
    return check_token(request, registry)


async def require_admin(principal: Principal = Depends(authenticate)) -> Principal:
    """Dependency: the administrator only, see :func:`check_admin`."""
    return check_admin(principal)
