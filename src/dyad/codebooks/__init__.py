"""Codebooks: data tables shipped with dyad (countries, organisations, roles, people, places) and thin
accessors that load each table once per process."""
