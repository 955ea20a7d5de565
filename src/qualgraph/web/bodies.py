"""Reading request bodies with a limit, so no client can make the server hold more than a setting allows.

Starlette's ``request.body()`` reads a body whole, whatever its size: a 300 MiB query grew the server by
1.1 GB. :func:`read_limited_body` refuses a body whose ``Content-Length`` is over the limit without reading it,
and stops reading a streamed (chunked) one as soon as it passes the limit; both get 413 with a message that
names the limit and the setting that raises it.
"""

from __future__ import annotations

from fastapi import Request

from ..sparql import RequestTooLarge


def too_large(what: str, limit: int, setting: str, size: int | None = None) -> RequestTooLarge:
    """The 413 error: what was too large, the limit, and the environment variable that sets it."""
    sent = f" ({size:,} bytes)" if size is not None else ""
    return RequestTooLarge(f"the {what}{sent} is longer than {limit:,} bytes, the most this endpoint accepts "
                           f"(setting QUALGRAPH_{setting.upper()})")


async def read_limited_body(request: Request, limit: int, setting: str, what: str) -> bytes:
    """The request body, or :class:`RequestTooLarge` as soon as it is known to be longer than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(what, limit, setting, int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(what, limit, setting)
        chunks.append(chunk)
    return b"".join(chunks)
