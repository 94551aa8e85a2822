"""A web archive (MHTML: Word's "single file web page", often published under a `.doc` name) → its web
page's bytes, which `nlp.read` then reads as any saved page.

The archive is a MIME message (`MIME-Version: 1.0`, `multipart/related`) whose first `text/html` part is
the page, quoted-printable or base64; the standard library's `email` parser undoes both. Read as plain
text, such a file gave its headers and `=D6=D0` escapes as the report's text, without an error.
"""

from __future__ import annotations

import email
import email.policy
import re

from nlp.errors import ReadError

_SIGNATURE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:[A-Za-z-]+:[^\r\n]*\r?\n)*?MIME-Version:\s*1\.0", re.IGNORECASE)


def looks_like_mht(data: bytes) -> bool:
    """A MIME message among its first header lines (`MIME-Version: 1.0`, before any blank line)."""
    head = data[:2048]
    return bool(_SIGNATURE.match(head)) and b"multipart/related" in head.lower()


def mht_page(data: bytes, name: str) -> bytes:
    """The archive's web page, its transfer encoding undone (its charset is declared inside the page, as
    Word writes it, or found from the bytes as for any page)."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes) and payload.strip():
                    return payload
    except (RecursionError, ValueError, LookupError) as exc:  # parts nested past Python's stack, a bad header
        raise ReadError(name, f"a damaged web archive (MHTML: {type(exc).__name__}); open it in a browser or Word and save it as .docx or HTML") from exc
    raise ReadError(name, "a web archive (MHTML) without a web page in it; open it in a browser or Word and save it as .docx or HTML")
