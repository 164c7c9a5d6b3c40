"""The pipeline is built once per process with every component's tables loaded."""

from __future__ import annotations

import gc

from dyad.nlp import embeddings
from dyad.nlp.pipeline import COMPONENTS, load_pipeline


def test_a_built_pipeline_has_loaded_its_tables_and_left_the_collectors_view() -> None:
    nlp = load_pipeline("md")
    assert load_pipeline("md") is nlp
    assert [name for name, _ in nlp.pipeline][-len(COMPONENTS) :] == list(COMPONENTS)
    # The warm-up text holds an issue cue, so the sentence encoder is loaded before the first article.
    assert embeddings.encoder.cache_info().currsize == 1
    # The models and tables are frozen: a full collection no longer walks them.
    assert gc.get_freeze_count() > 100_000
    doc = nlp("Officials of both ministries met in a small town near the border on Tuesday.")
    assert doc._.dyad_actors is not None
