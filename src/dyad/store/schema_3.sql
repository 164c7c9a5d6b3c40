-- Version 3: watchlists (saved queries) and the alerts they fired.

CREATE TABLE watchlists (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    query     TEXT NOT NULL,                 -- JSON: the filters, Query.to_dict()
    rules     TEXT NOT NULL,                 -- JSON: AlertRules.to_dict()
    webhook   TEXT,                          -- URL alerts are POSTed to, if any
    created   TEXT NOT NULL,                 -- UTC ISO
    last_run  TEXT,
    cursor    INTEGER NOT NULL DEFAULT 0     -- articles.rowid up to which alerts have looked
);

CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY,
    watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,              -- what the alert is about: the same key never fires twice
    kind         TEXT NOT NULL,              -- new | first | spike | tone
    period       TEXT,
    title        TEXT NOT NULL,
    measures     TEXT NOT NULL,              -- JSON
    evidence     TEXT NOT NULL,              -- JSON list of AlertEvidence.to_dict()
    omitted      INTEGER NOT NULL DEFAULT 0,
    link         TEXT NOT NULL,
    created      TEXT NOT NULL,
    delivered    TEXT,                       -- when the webhook took it
    UNIQUE (watchlist_id, key)
);
CREATE INDEX alerts_created ON alerts(created);
