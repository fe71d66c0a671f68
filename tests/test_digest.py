"""Ids and cache keys hash the same with or without OpenSSL."""

from __future__ import annotations

import hashlib

from comparer.digest import sha1_hex


def test_digest_matches_hashlib():
    for data in (b"", b"North Korea", "Kyiv \u00a0 \u2014".encode("utf-8") * 100):
        assert sha1_hex(data) == hashlib.sha1(data).hexdigest()
