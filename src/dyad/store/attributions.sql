-- Version 4: every attribution, quoted or reported, keeps its cue, its source as written and the
-- speaker's affiliation and group members, so they can be queried without decoding `data`.
ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
ALTER TABLE quotes ADD COLUMN source TEXT;           -- the source's noun phrase as written
ALTER TABLE quotes ADD COLUMN source_start INTEGER;
ALTER TABLE quotes ADD COLUMN source_end INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_affiliation TEXT;  -- organisation of a person speaking
CREATE INDEX quotes_kind ON quotes(kind, speaker_country);

-- Members of a group speaker ("the three leaders"), each with its country.
CREATE TABLE quote_speakers (
    quote_id   TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    actor_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    PRIMARY KEY (quote_id, actor_id)
);
CREATE INDEX quote_speakers_country ON quote_speakers(country);
