"""MinHash signatures and LSH bands for near-duplicate detection (syndicated copies of one wire story).

Shingles are word trigrams of the lower-cased text, hashed in numpy (:func:`shingle_hashes`). A signature
is the minimum of ``NUM_PERM`` universal hashes ``(a * x + b) mod p`` over the shingles; the fraction of
equal positions in two signatures estimates the Jaccard similarity of their shingle sets. Signatures are
cut into ``BANDS`` bands of ``ROWS`` rows: articles sharing one band bucket become candidates, and a
candidate whose estimated Jaccard reaches :data:`THRESHOLD` is a near-duplicate. With 20 bands of 6 rows a
pair at Jaccard 0.8 is a candidate with probability 1 - (1 - 0.8**6)**20 = 0.998.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

THRESHOLD = 0.8
BANDS = 20
ROWS = 6
NUM_PERM = BANDS * ROWS
SHINGLE_WORDS = 3
MAX_CHARS = 100_000  # longer than nearly any article; copies of a long document agree on its start anyway
_PRIME = np.uint64((1 << 31) - 1)  # a, b, x < 2**31 keep a * x + b inside 64 bits
_SEPARATORS = re.compile(r"[\W_]+")
_BASE = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = np.uint64(pow(0x100000001B3, -1, 1 << 64))
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
    """The MinHash signature of the word trigrams in the first :data:`MAX_CHARS` characters of ``text``."""
    values = np.unique(shingle_hashes(text) % _PRIME)
    signature = np.full(NUM_PERM, _PRIME, dtype=np.uint64)
    for start in range(0, len(values), _CHUNK):  # bounded memory on very long texts
        chunk = values[None, start : start + _CHUNK]
        np.minimum(signature, ((_A * chunk + _B) % _PRIME).min(axis=1), out=signature)
    return MinHash(signature.astype(np.uint32))


def shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """A 31-bit hash of each word trigram (of each word when there are fewer than three), all in numpy.

    Words are lower-cased and joined by single spaces; a polynomial hash over the UTF-8 bytes with prefix
    sums gives the hash of any substring in O(1), ``(H[end] - H[start]) * BASE**-start``, which is exact
    modulo 2**64 because the base is odd (so invertible).
    """
    normalised = _SEPARATORS.sub(" ", text[: MAX_CHARS * 2].lower()).strip()[:MAX_CHARS]
    data = np.frombuffer(normalised.encode("utf-8"), dtype=np.uint8).astype(np.uint64)
    if data.size == 0:
        return np.zeros(1, dtype=np.uint64)
    spaces = np.flatnonzero(data == 32)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [data.size]))
    width = min(SHINGLE_WORDS, len(starts))
    powers = _powers(_BASE, data.size)
    prefix = np.zeros(data.size + 1, dtype=np.uint64)
    np.cumsum(data * powers, out=prefix[1:])
    first, last = starts[: len(starts) - width + 1], ends[width - 1 :]
    hashes = (prefix[last] - prefix[first]) * _powers(_BASE_INVERSE, data.size)[first]
    # murmur3's finaliser: short words hash to small numbers, which the top bits must not all share
    hashes ^= hashes >> np.uint64(33)
    hashes *= np.uint64(0xFF51AFD7ED558CCD)
    hashes ^= hashes >> np.uint64(33)
    return hashes >> np.uint64(33)


def _powers(base: np.uint64, count: int) -> npt.NDArray[np.uint64]:
    """``base**0 .. base**(count-1)`` modulo 2**64 (numpy's unsigned overflow wraps)."""
    powers = np.full(count, base, dtype=np.uint64)
    powers[0] = 1
    return np.cumprod(powers, dtype=np.uint64)
