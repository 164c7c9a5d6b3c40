"""Scorers behind `dyad eval`: each extractor (and the whole pipeline) measured against gold data."""
