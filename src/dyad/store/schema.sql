-- dyad store, migration 1. Until the first release this file may be edited in place; afterwards every
-- change is a new numbered migration in store/migrations.py.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,            -- canonical URL hash, else normalised-text hash
    url           TEXT,
    title         TEXT,
    text          TEXT NOT NULL,
    source        TEXT,
    published     TEXT,                        -- ISO date/datetime as published
    first_seen    TEXT NOT NULL,               -- when dyad first stored it (UTC ISO)
    language      TEXT,
    author        TEXT,
    origin        TEXT,                        -- file, URL or stdin record it came from
    metadata      TEXT NOT NULL DEFAULT '{}',  -- JSON: reader fields not mapped above
    text_hash     TEXT NOT NULL,
    canonical_id  TEXT REFERENCES articles(id) ON DELETE SET NULL,  -- set on near-duplicates
    similarity    REAL                         -- estimated Jaccard to canonical_id
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_canonical ON articles(canonical_id);
CREATE UNIQUE INDEX articles_text_hash ON articles(text_hash, url);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- MinHash LSH bands for near-duplicate lookup.
CREATE TABLE minhash_bands (
    band        INTEGER NOT NULL,
    bucket      TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
CREATE TABLE minhash_signatures (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature   BLOB NOT NULL
);

-- One row per article whose derived rows are current; reprocess replaces them all.
CREATE TABLE extractions (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    pipeline      TEXT NOT NULL,
    taxonomy      TEXT,
    extracted_at  TEXT NOT NULL,
    error         TEXT,                         -- set when extraction failed for this article
    dates         TEXT NOT NULL DEFAULT '[]'    -- JSON list of DateRef.to_dict()
);

CREATE TABLE actors (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    role        TEXT,
    mentions    TEXT NOT NULL,                 -- JSON list of {start,end,text}
    confidence  REAL NOT NULL,
    extractor   TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX actors_country ON actors(country, sector);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE places (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    country     TEXT,
    kind        TEXT NOT NULL,
    lat         REAL,
    lon         REAL,
    mentions    TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    cameo           TEXT NOT NULL,
    cameo_root      TEXT NOT NULL,
    goldstein       REAL NOT NULL,
    quad_class      INTEGER NOT NULL,
    plover_type     TEXT,
    plover_mode     TEXT,
    plover_context  TEXT,
    negated         INTEGER NOT NULL,
    modality        TEXT NOT NULL,
    primary_event   INTEGER NOT NULL,
    date            TEXT,                      -- event date when the text gives one, else NULL
    day             TEXT,                      -- date used for series: event date, else publication date
    place           TEXT,
    sentence        TEXT NOT NULL,
    sentence_index  INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    confidence      REAL NOT NULL,
    extractor       TEXT NOT NULL,
    data            TEXT NOT NULL               -- the full Event.to_dict() JSON
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_root ON events(cameo_root, quad_class);

-- One row per (source actor, target actor) pair of an event: what dyad series count.
CREATE TABLE event_dyads (
    event_id        TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source_id       TEXT NOT NULL,
    source_name     TEXT NOT NULL,
    source_country  TEXT,
    source_sector   TEXT,
    target_id       TEXT,
    target_name     TEXT,
    target_country  TEXT,
    target_sector   TEXT,
    PRIMARY KEY (event_id, source_id, target_id)
);
CREATE INDEX event_dyads_pair ON event_dyads(source_country, target_country);

CREATE TABLE quotes (
    id               TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text             TEXT NOT NULL,
    start            INTEGER NOT NULL,
    end              INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    speaker_id       TEXT,
    speaker_name     TEXT,
    speaker_country  TEXT,
    speaker_sector   TEXT,
    addressee_country TEXT,
    relayed_by_name  TEXT,
    cue              TEXT,
    sentence         TEXT NOT NULL,
    day              TEXT,
    confidence       REAL NOT NULL,
    data             TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_country, speaker_sector);

CREATE TABLE issue_tags (
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    issue_id         TEXT NOT NULL,
    label            TEXT NOT NULL,
    score            REAL NOT NULL,
    evidence         TEXT NOT NULL,
    taxonomy_version TEXT NOT NULL,
    PRIMARY KEY (article_id, issue_id)
);
CREATE INDEX issue_tags_issue ON issue_tags(issue_id);

-- Issue of each event and quote (an item may touch several issues).
CREATE TABLE item_issues (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    item_id    TEXT NOT NULL,                  -- event or quote id
    item_kind  TEXT NOT NULL,                  -- 'event' | 'quote'
    issue_id   TEXT NOT NULL,
    score      REAL NOT NULL,
    PRIMARY KEY (item_id, issue_id)
);
CREATE INDEX item_issues_issue ON item_issues(issue_id);
CREATE INDEX item_issues_article ON item_issues(article_id);

-- People learned from the corpus ("X, the foreign minister of Y"), with evidence and dates.
CREATE TABLE people (
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    first_seen  TEXT,
    last_seen   TEXT,
    article_id  TEXT REFERENCES articles(id) ON DELETE SET NULL,
    evidence    TEXT,
    PRIMARY KEY (name, role, country)
);
