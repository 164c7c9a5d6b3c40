"""MinHash signatures and LSH bands for near-duplicate detection (syndicated copies of one wire story).

Shingles are word trigrams of the lower-cased text. A signature is the minimum of ``NUM_PERM`` universal
hashes ``(a * x + b) mod p`` over the shingles, computed with numpy; the fraction of equal positions in two
signatures estimates the Jaccard similarity of their shingle sets. Signatures are cut into ``BANDS`` bands
of ``ROWS`` rows: articles sharing one band bucket become candidates, and a candidate whose estimated
Jaccard reaches :data:`THRESHOLD` is a near-duplicate. With 20 bands of 6 rows a pair at Jaccard 0.8 is a
candidate with probability 1 - (1 - 0.8**6)**20 = 0.998.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from itertools import islice

import numpy as np
import numpy.typing as npt

THRESHOLD = 0.8
BANDS = 20
ROWS = 6
NUM_PERM = BANDS * ROWS
SHINGLE_WORDS = 3
MAX_WORDS = 10_000  # longer than nearly any article; copies of a long document agree on its start anyway
_PRIME = np.uint64((1 << 31) - 1)  # a, b, x < 2**31 keep a * x + b inside 64 bits
_WORD = re.compile(r"\w+")
_CHUNK = 4096  # shingles hashed at once: NUM_PERM x _CHUNK x 8 bytes = 4 MB
_SEED = 20240422  # fixed: stored signatures must stay comparable across runs and versions

_rng = np.random.default_rng(_SEED)
_A = _rng.integers(1, int(_PRIME), size=NUM_PERM, dtype=np.uint64)[:, None]
_B = _rng.integers(0, int(_PRIME), size=NUM_PERM, dtype=np.uint64)[:, None]

Signature = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class MinHash:
    signature: Signature

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> MinHash:
        return cls(np.frombuffer(blob, dtype="<u4").astype(np.uint32))

    def bands(self) -> list[tuple[int, str]]:
        """``(band, bucket)`` keys of the signature's LSH bands."""
        rows = self.signature.astype("<u4").reshape(BANDS, ROWS)
        return [
            (band, hashlib.blake2b(rows[band].tobytes(), digest_size=8).hexdigest()) for band in range(BANDS)
        ]

    def similarity(self, other: MinHash) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.signature == other.signature)) / NUM_PERM


def minhash(text: str) -> MinHash:
    """The MinHash signature of the word trigrams of ``text``'s first :data:`MAX_WORDS` words."""
    words = [zlib.crc32(w.group().encode("utf-8")) for w in islice(_WORD.finditer(text.lower()), MAX_WORDS)]
    if not words:
        words = [0]
    hashes = np.asarray(words, dtype=np.uint64)
    if len(hashes) >= SHINGLE_WORDS:
        # Combine each window of word hashes into one shingle hash; a polynomial keeps word order.
        shingles = hashes[: len(hashes) - SHINGLE_WORDS + 1].copy()
        for offset in range(1, SHINGLE_WORDS):
            shingles = (
                shingles * np.uint64(1_000_003) + hashes[offset : len(hashes) - SHINGLE_WORDS + 1 + offset]
            )
        hashes = shingles
    values = np.unique(hashes % _PRIME)
    signature = np.full(NUM_PERM, _PRIME, dtype=np.uint64)
    for start in range(0, len(values), _CHUNK):  # bounded memory on very long texts
        chunk = values[None, start : start + _CHUNK]
        np.minimum(signature, ((_A * chunk + _B) % _PRIME).min(axis=1), out=signature)
    return MinHash(signature.astype(np.uint32))
