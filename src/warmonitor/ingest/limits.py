"""The size cap on one document (``ingest.max_bytes``) and how a breach is reported."""

from __future__ import annotations


def format_size(size: int) -> str:
    """ "7.2 MB", "12.0 kB", "900 bytes" (decimal units, as the cap is written)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def over_cap_message(what: str, size: int | None, cap: int, remedy: str) -> str:
    """ "is 7.2 MB, over the 5.0 MB cap (ingest.max_bytes); raise the cap or split the file".

    ``size`` is None when only a lower bound is known (a stream read up to the cap).
    """
    measured = f"{what} {format_size(size)}," if size is not None else f"{what}"
    return (
        f"{measured} over the {format_size(cap)} cap (ingest.max_bytes); raise the cap or {remedy}"
    )
