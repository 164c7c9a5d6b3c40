-- Version 2: an issue tag keeps the name and version of the tagger that made it, as every extracted
-- object does (before, it was lost in the store and came back empty).
ALTER TABLE issue_tags ADD COLUMN extractor TEXT NOT NULL DEFAULT '';
