"""`dyad eval`: score each extractor against gold data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from dyad.cli.common import extraction_options, fail, model_option, warn_set_aside
from dyad.errors import DyadError


@click.group("eval")
def eval_group() -> None:
    """Score extractors against gold data (precision, recall, F1)."""


@eval_group.command("actors")
@click.argument("gold", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--seed",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also check the seed's actors (default: $DYAD_SHARED/gold/dev/seed/seed.gold.json; without "
    "either the check is skipped, and the output says so).",
)
@click.option(
    "--pronouns",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("gold/seed.pronouns.jsonl"),
    show_default=True,
    help="Our annotation of the seed's pronouns, checked with the seed.",
)
@model_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every error) as JSON.")
@click.option("--errors", is_flag=True, help="List every wrongly resolved mention.")
def eval_actors_command(
    gold: tuple[Path, ...], seed: Path | None, pronouns: Path, model: Any, as_json: bool, errors: bool
) -> None:
    """Accuracy of actor country, sector and both on mention-in-context GOLD (default gold/actors.jsonl,
    gold/actors.heldout.jsonl and the knowledge-base gold gold/actors.kb.jsonl, gold/actors.kb.heldout.jsonl,
    gold/actors.kb2.jsonl, gold/actors.kb2.heldout.jsonl: people and bodies of 2000-2018 and 2025-2026; and
    gold/actors.owners.jsonl, gold/actors.owners.heldout.jsonl: titles owned by a noun or "its";
    gold/actors.people.jsonl, gold/actors.people.heldout.jsonl: people known by the article's words,
    namesakes, coordinated offices, dated roles; gold/actors.orgs.jsonl, gold/actors.orgs.heldout.jsonl:
    international bodies, armed groups, ministries, parties; gold/actors.orgnames.jsonl,
    gold/actors.orgnames.heldout.jsonl: names holding a known body or a state plus other words;
    gold/actors.people2.jsonl, gold/actors.people2.heldout.jsonl: real people of 2005-2025 whose roles the
    sources lack or date late, namesakes, kin, former office holders; gold/actors.people3.jsonl,
    gold/actors.people3.heldout.jsonl: kin of office holders, Persian names spelled with "gh" or "q",
    parties fighting elections; gold/actors.kb3.jsonl, gold/actors.kb3.heldout.jsonl: near spellings of
    another person's name, companies, bodies named after a US state, diplomats; gold/actors.kb4.jsonl,
    gold/actors.kb4.heldout.jsonl: rebels' transitional councils, armed groups placed by region, posts of a
    body, officials named by a role noun; gold/actors.kb5.jsonl, gold/actors.kb5.heldout.jsonl: office
    holders around successions, between a successor's election and inauguration, after leaving office;
    gold/actors.kb6.jsonl, gold/actors.kb6.heldout.jsonl: Arabic names romanised with other particles;
    gold/actors.orgs3.jsonl, gold/actors.orgs3.heldout.jsonl: companies and parties named without their
    country, aid and rights groups, Libya's rival governments, armed groups of several names, ministries of
    smaller states, state companies; gold/actors.kb7.jsonl, gold/actors.kb7.heldout.jsonl: people of
    2008-2026 whose role changes with the date, namesakes, surnames after a full mention, deputies,
    governors, heads of armed groups), and the seed's actors.

    \b
    Examples:
      dyad eval actors
      dyad eval actors gold/actors.jsonl --errors
      dyad eval actors --model sm --json
    """
    from dyad.evaluation.actors import evaluate, evaluate_seed, read_gold
    from dyad.evaluation.data import ENV, SEED_GOLD, shared

    skipped = None
    if seed is None:
        seed = shared(SEED_GOLD)
        if seed is None:
            skipped = f"set {ENV} to the shared data folder or give --seed FILE"
        elif not seed.exists():
            skipped, seed = f"no {seed} (${ENV} names a folder without the seed gold)", None
    defaults = (
        Path("gold/actors.jsonl"),
        Path("gold/actors.heldout.jsonl"),
        Path("gold/actors.kb.jsonl"),
        Path("gold/actors.kb.heldout.jsonl"),
        Path("gold/actors.kb2.jsonl"),
        Path("gold/actors.kb2.heldout.jsonl"),
        Path("gold/actors.owners.jsonl"),
        Path("gold/actors.owners.heldout.jsonl"),
        Path("gold/actors.people.jsonl"),
        Path("gold/actors.people.heldout.jsonl"),
        Path("gold/actors.orgs.jsonl"),
        Path("gold/actors.orgs.heldout.jsonl"),
        Path("gold/actors.orgnames.jsonl"),
        Path("gold/actors.orgnames.heldout.jsonl"),
        Path("gold/actors.people2.jsonl"),
        Path("gold/actors.people2.heldout.jsonl"),
        Path("gold/actors.people3.jsonl"),
        Path("gold/actors.people3.heldout.jsonl"),
        Path("gold/actors.kb3.jsonl"),
        Path("gold/actors.kb3.heldout.jsonl"),
        Path("gold/actors.kb4.jsonl"),
        Path("gold/actors.kb4.heldout.jsonl"),
        Path("gold/actors.kb5.jsonl"),
        Path("gold/actors.kb5.heldout.jsonl"),
        Path("gold/actors.kb6.jsonl"),
        Path("gold/actors.kb6.heldout.jsonl"),
        Path("gold/actors.orgs3.jsonl"),
        Path("gold/actors.orgs3.heldout.jsonl"),
        Path("gold/actors.kb7.jsonl"),
        Path("gold/actors.kb7.heldout.jsonl"),
    )
    files = gold or tuple(p for p in defaults if p.exists())
    result: dict[str, Any] = {"model": model, "gold": {}, "seed": None}
    try:
        for path in files:
            score = evaluate(read_gold(path), model=model)
            result["gold"][str(path)] = {**score.summary(), "errors": score.errors}
        if seed is not None:
            checks = evaluate_seed(seed, pronouns if pronouns.exists() else None, model=model)
            result["seed"] = {
                "actors": len(checks),
                "right": sum(c.ok for c in checks),
                "checks": [c.to_dict() for c in checks],
            }
    except DyadError as exc:
        fail(exc)
    if skipped is not None:
        result["seed_skipped"] = skipped
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for path, summary in result["gold"].items():
        click.echo(
            f"{path}: {summary['mentions']} mentions  country {summary['country']:.1%}  "
            f"sector {summary['sector']:.1%}  both {summary['both']:.1%}"
        )
        if errors:
            for error in summary["errors"]:
                click.echo("  " + json.dumps(error, ensure_ascii=False))
    if skipped is not None:
        click.echo(f"seed: not checked ({skipped})")
    if result["seed"]:
        seed_result = result["seed"]
        click.echo(f"seed: {seed_result['right']}/{seed_result['actors']} actors right in every mention")
        for check in seed_result["checks"]:
            if not check["ok"]:
                click.echo(f"  wrong: {check['name']}: {'; '.join(check['wrong']) or 'no mention checked'}")


@eval_group.command("quotes")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the Wikinews CSV files (default: $DYAD_SHARED/corpus/wikinews).",
)
@model_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every error) as JSON.")
@click.option("--errors", is_flag=True, help="List missed, extra and wrongly attributed quotes.")
def eval_quotes_command(gold: Path, corpus: Path | None, model: Any, as_json: bool, errors: bool) -> None:
    """Quote content (exact and overlap P/R/F1) and speaker accuracy against GOLD.

    GOLD is a JSONL file of quote offsets into Wikinews articles (gold/quotes/wikinews.*.jsonl), the
    seed's JSON gold (seed.gold.json), whose quotes are scored with their addressee and relaying source,
    or attribution gold (gold/quotes/attribution.*.jsonl): every attribution, quoted or reported, scored
    per kind (direct, partial, indirect, belief) for content, source and cue spans (exact and overlap
    F1) and speaker accuracy.

    \b
    Examples:
      dyad eval quotes gold/quotes/attribution.dev.jsonl
      dyad eval quotes gold/quotes/wikinews.dev.jsonl
      dyad eval quotes "$DYAD_SHARED/gold/dev/seed/seed.gold.json" --errors
    """
    from dyad.evaluation import attributions
    from dyad.evaluation.quotes import evaluate, read_gold, report_lines

    if attributions.is_attribution_gold(gold):
        try:
            scored, _ = attributions.evaluate_attributions(
                attributions.read_attribution_gold(gold, corpus), model=model
            )
        except DyadError as exc:
            fail(exc)
        result = scored.summary()
        if as_json:
            click.echo(json.dumps({**result, "errors": scored.errors}, ensure_ascii=False, indent=2))
            return
        for line in attributions.report_lines(result):
            click.echo(line)
        if errors:
            for error in scored.errors:
                click.echo(json.dumps(error, ensure_ascii=False))
        return
    try:
        total, _ = evaluate(read_gold(gold, corpus), model=model)
    except DyadError as exc:
        fail(exc)
    summary = total.summary()
    if as_json:
        click.echo(json.dumps({**summary, "errors": total.errors}, ensure_ascii=False, indent=2))
        return
    for line in report_lines(summary):
        click.echo(line)
    if errors:
        for error in total.errors:
            click.echo(json.dumps(error, ensure_ascii=False))


@eval_group.command("dyads")
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL items with `dyads` (the country-pair headings each item is filed under); default: "
    "$DYAD_SHARED/corpus/current-events/current-events-2025.jsonl.",
)
@extraction_options
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items.")
@click.option("--floor", type=click.FloatRange(0, 1), help="Exit 1 when the share found is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_dyads_command(
    corpus: Path | None,
    workers: int,
    model: Any,
    taxonomy: Path | None,
    limit: int | None,
    floor: float | None,
    as_json: bool,
) -> None:
    """Share of items filed under a country pair in which dyad finds an event or quote between that pair.

    \b
    Examples:
      dyad eval dyads --workers 2
      dyad eval dyads --corpus items.jsonl --floor 0.7 --json
    """
    from dyad.evaluation.data import CURRENT_EVENTS, given_or_shared
    from dyad.evaluation.dyads import evaluate
    from dyad.nlp.events import set_aside_models
    from dyad.pipeline import Settings

    try:
        corpus = given_or_shared(corpus, CURRENT_EVENTS, "--corpus FILE")
        result = evaluate(corpus, Settings(model=model, taxonomy=taxonomy, workers=workers), limit=limit)
    except DyadError as exc:
        fail(exc)
    warn_set_aside(set_aside_models())  # the coverage is of extraction without them
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"dyad coverage: {result.found}/{result.items} items = {result.share:.1%} "
            f"({result.by_event} by an event, {result.by_quote_only} by a quote only)"
        )
        if result.unmapped:
            click.echo(
                f"pair names without a code (counted as missed): {dict(result.unmapped.most_common(10))}"
            )
    if floor is not None and result.share < floor:
        click.echo(f"error: dyad coverage {result.share:.1%} is below the floor {floor:.0%}", err=True)
        sys.exit(1)


@eval_group.command("issues")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Issue taxonomy YAML (replacing or extending the bundled one).",
)
@model_option
@click.option("--threshold", type=click.FloatRange(0, 1), help="Paragraph score needed for a tag.")
@click.option(
    "--calibrate", is_flag=True, help="Fit the tagger's weights on the first GOLD file; sweep thresholds."
)
@click.option(
    "--topics",
    is_flag=True,
    help="Also the silver check: recall on current-events items whose topic headings name an issue.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every error) as JSON.")
@click.option("--errors", is_flag=True, help="List each article's missed and extra issues.")
def eval_issues_command(
    gold: tuple[Path, ...],
    taxonomy: Path | None,
    model: Any,
    threshold: float | None,
    calibrate: bool,
    topics: bool,
    as_json: bool,
    errors: bool,
) -> None:
    """Issue tagging: precision, recall and F1 per article against GOLD files.

    GOLD files are JSON lines {"id", "text", "issues"} or the seed's JSON gold. Default:
    gold/issues.jsonl (dev), gold/issues.heldout.jsonl and $DYAD_SHARED/gold/dev/seed/seed.gold.json.

    \b
    Examples:
      dyad eval issues
      dyad eval issues gold/issues.heldout.jsonl --errors
      dyad eval issues --calibrate gold/issues.jsonl
      dyad eval issues --topics      # + $DYAD_SHARED/corpus/current-events, gold/issues.topics.tsv
    """
    from dyad.evaluation import issues as evaluation
    from dyad.evaluation.data import SEED_GOLD, shared
    from dyad.evaluation.issues import DEFAULT_GOLD, calibration, evaluate, report_line

    seed = shared(SEED_GOLD)
    paths = list(gold) or [p for p in (*DEFAULT_GOLD, *([seed] if seed else [])) if p.exists()]
    if not paths:
        fail(DyadError("no gold file given and none found (run from the project folder)"))
    tax = str(taxonomy) if taxonomy else None
    try:
        if calibrate:
            weights, swept = calibration(paths[0], model=model, taxonomy=tax)
            click.echo(f"weights fitted on {paths[0]}: {json.dumps(weights)}")
            for value, scores in swept:
                click.echo(report_line(f"@{value:.2f}", scores))
            return
        results = evaluate(paths, model=model, taxonomy=tax, threshold=threshold)
        silver = evaluation.topic_recall(model=model, taxonomy=tax) if topics else None
    except DyadError as exc:
        fail(exc)
    if as_json:
        payload = {k: v.to_dict() for k, v in results.items()}
        click.echo(json.dumps({**payload, **({"topics": silver.to_dict()} if silver else {})}, indent=2))
        return
    for name, scores in results.items():
        click.echo(report_line(name, scores))
        if errors:
            for error in scores.errors:
                click.echo("  " + json.dumps(error, ensure_ascii=False))
    for line in silver.lines() if silver else ():
        click.echo(line)


@eval_group.command("events")
@click.option(
    "--gold-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with confliBERT/ (class TSV, BIO spans) and plover/PLOVER_GSR_CAMEO.txt (default: "
    "$DYAD_SHARED/gold/dev).",
)
@click.option(
    "--seed",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Seed gold JSON (its events are scored by direction and CAMEO root; default: "
    "$DYAD_SHARED/gold/dev/seed/seed.gold.json); --no-seed skips it.",
)
@click.option("--no-seed", is_flag=True, help="Do not score the seed.")
@click.option(
    "--tricky",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("gold/events_tricky.jsonl"),
    show_default=True,
    help="Our tricky sentences (dev and held-out), checked event by event; skipped when absent.",
)
@click.option(
    "--heldout",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Score a held-out folder (*class*.tsv, *ner*.txt, *PLOVER* files) with the shipped models instead "
    "of cross-validating the dev gold; the seed and tricky sentences are not scored.",
)
@click.option(
    "--articles",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("gold/events"),
    show_default=True,
    help="Article-level gold (Wikinews, and our wire-style stories): each *.dev.jsonl and *.heldout.jsonl "
    "scored apart; skipped when absent.",
)
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the Wikinews CSV files of the article gold (default: $DYAD_SHARED/corpus/wikinews).",
)
@click.option("--articles-only", is_flag=True, help="Score only the article-level gold (fast).")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Score only events at or above this confidence (article-level gold).",
)
@click.option("--errors", is_flag=True, help="List missed and extra events of the article-level dev gold.")
@click.option(
    "--dev-only",
    is_flag=True,
    help="Leave the held-out parts of the article gold and of the tricky sentences unscored (while tuning).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_events_command(
    gold_dir: Path | None,
    seed: Path | None,
    no_seed: bool,
    tricky: Path,
    heldout: Path | None,
    articles: Path,
    corpus: Path | None,
    articles_only: bool,
    min_confidence: float,
    errors: bool,
    dev_only: bool,
    as_json: bool,
) -> None:
    """Event coding, 5-fold cross-validated: ConfliBERT class macro-F1, ConfliBERT S/T span F1, PLOVER type
    accuracy; the seed's gold events found with the right direction and root; and, article by article on
    our Wikinews gold, precision and recall of (source country, target country, CAMEO root) and of codes,
    with a confidence calibration table, for the dev and held-out parts apart.

    The statistical part is retrained for each fold without the fold's sentences (needs scikit-learn).
    With --heldout, the same figures for another folder, coded by the shipped models.

    \b
    Examples:
      dyad eval events
      dyad eval events --json --no-seed
      dyad eval events --heldout ../test-gold
      dyad eval events --articles-only --errors --dev-only
    """
    from dyad.evaluation.article_events import evaluate_parts
    from dyad.evaluation.data import DEV_GOLD, SEED_GOLD, WIKINEWS, given_or_shared
    from dyad.evaluation.event_scores import evaluate_heldout
    from dyad.evaluation.events import evaluate_dev
    from dyad.nlp.events import set_aside_models

    try:
        result: dict[str, Any] = {}
        if articles_only:
            pass
        elif heldout is not None:
            result = evaluate_heldout(heldout)
        else:
            gold_dir = given_or_shared(gold_dir, DEV_GOLD, "--gold-dir DIR")
            seed = None if no_seed else given_or_shared(seed, SEED_GOLD, "--seed FILE (or --no-seed)")
            result = evaluate_dev(gold_dir, seed, tricky if tricky.is_file() else None, dev_only)
        if heldout is None and articles.is_dir():
            wikinews = given_or_shared(corpus, WIKINEWS, "--corpus DIR")
            result["articles"] = evaluate_parts(articles, wikinews, min_confidence, dev_only)
    except DyadError as exc:
        fail(exc)
    if not errors:
        for part in result.get("articles", {}).values():
            part.pop("errors", None)
    warn_set_aside(set_aside_models())  # the scores are of extraction without them
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if "conflibert_class" in result:
        classes = result["conflibert_class"]
        click.echo(f"ConfliBERT class (n={classes['n']}): macro-F1 {classes['macro_f1']:.3f}")
    if "conflibert_spans" in result:
        spans = result["conflibert_spans"]
        click.echo(f"ConfliBERT spans (n={spans['n']}): source F1 {spans['source']['f1']:.3f}, "
                   f"target F1 {spans['target']['f1']:.3f}")  # fmt: skip
    if "plover" in result:
        plover = result["plover"]
        click.echo(
            f"PLOVER GSR (n={plover['n']}): type accuracy {plover['type_accuracy']:.3f}, "
            f"source country {plover['source_country_accuracy']['accuracy']:.3f}, "
            f"target country {plover['target_country_accuracy']['accuracy']:.3f}"
        )
    if "seed" in result:
        click.echo(f"seed: {result['seed']['found']}/{result['seed']['total']} gold events found")
        for event in result["seed"]["events"]:
            click.echo(f"  {'ok ' if event['found'] else 'MISS'} {event['sentence']}: {event['events']}")
    for split, scores in result.get("tricky", {}).items():
        click.echo(f"tricky sentences ({split}): {scores['passed']}/{scores['total']} right")
        for sentence in scores["sentences"]:
            if sentence["problems"]:
                click.echo(f"  {sentence['id']}: {'; '.join(sentence['problems'])}")
    _echo_articles(result.get("articles", {}))


def _echo_articles(parts: dict[str, Any]) -> None:
    from dyad.evaluation.article_events import report_lines

    for name, summary in parts.items():
        click.echo(f"{name}: {summary['articles']} articles")
        for line in report_lines(name, summary):
            click.echo(line)
        for error in summary.get("errors", ()):
            click.echo("  " + json.dumps(error, ensure_ascii=False))
