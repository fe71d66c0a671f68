"""SHA-1 hex digests, for document ids, discrepancy ids and cache keys.

CPython's built-in SHA-1 gives hashlib's digests without loading OpenSSL, whose
start-up costs a few milliseconds: noticeable in a short diff run as a command.
"""

from __future__ import annotations

try:
    from _sha1 import sha1
except ImportError:  # an interpreter without the built-in module
    from hashlib import sha1


def sha1_hex(data: bytes) -> str:
    """The SHA-1 of ``data`` as 40 hexadecimal digits."""
    return sha1(data).hexdigest()
