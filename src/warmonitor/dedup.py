"""Copies of one story: the same wire text republished by many sites, found by MinHash.

A wire report reaches hundreds of sites, each with its own headline tweaks, captions and a cut
paragraph or two. Counting each copy as a report is GDELT's mistake: the event looks a hundred
times more important than it is, and a hundred rows say the same thing. Here each article gets a
MinHash signature of its five-word shingles (datasketch); signatures are cut into bands, and two
articles that share a band are candidates. A candidate is a copy when most of the shorter text is
contained in the longer (``COPY_CONTAINMENT``), estimated from the signatures' Jaccard similarity
and the two texts' shingle counts: a site that cuts the story's last paragraphs, or runs only its
first half, still carries a copy. The bands live in the database, so a copy is found among
everything ever stored, across runs, without holding an index in memory.

With 32 bands of 4 rows, a pair of texts with Jaccard similarity s shares a band with probability
1 - (1 - s^4)^32: 1.00 at s = 0.7, 0.87 at s = 0.5 (a copy that is half the story), 0.23 at
s = 0.3 and 0.05 at s = 0.2. So copies are seldom missed, and unrelated texts seldom compared.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# Share of the shorter text's shingles found in the longer at or above which it is a copy. Two
# copies of a wire story share well over 0.8 of their shingles once boilerplate is gone; two
# stories about the same event, written apart, share a few per cent.
COPY_CONTAINMENT = 0.8
# A fixed seed: signatures must agree between runs, processes and machines.
_SEED = 20170630
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """An article's MinHash signature and the band keys it is indexed under."""

    signature: bytes  # NUM_PERM little-endian uint32 values
    bands: tuple[str, ...]  # one key per band
    shingles: int  # how many distinct shingles the text has


def fingerprint(text: str) -> Fingerprint:
    from datasketch import MinHash  # imported here: it pulls in scipy

    words = _WORD.findall(text.casefold())
    size = min(SHINGLE_WORDS, max(len(words), 1))
    shingles = {
        " ".join(words[i : i + size]).encode() for i in range(max(len(words) - size, 0) + 1)
    }
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(sorted(shingles))
    signature = np.asarray(minhash.hashvalues, dtype="<u4").tobytes()
    return Fingerprint(signature, band_keys(signature), len(shingles))


def band_keys(signature: bytes) -> tuple[str, ...]:
    width = ROWS * 4
    return tuple(
        f"{band}:"
        + hashlib.blake2b(signature[band * width : (band + 1) * width], digest_size=8).hexdigest()
        for band in range(BANDS)
    )


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of the signatures' values that agree."""
    left = np.frombuffer(a, dtype="<u4")
    right = np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(left == right)) / NUM_PERM


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller shingle set that lies in the larger.

    From Jaccard J = |A & B| / |A | B| and the set sizes: |A & B| = J (|A| + |B|) / (1 + J).
    """
    jaccard = similarity(a.signature, b.signature)
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(1.0, shared / max(1, min(a.shingles, b.shingles)))


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    return containment(a, b) >= COPY_CONTAINMENT
