-- Datahose feeds: a cursor over the whole event log (not one user's), keyed by their owner's tag.
ALTER TABLE feeds ADD COLUMN hose INTEGER NOT NULL DEFAULT 0;
