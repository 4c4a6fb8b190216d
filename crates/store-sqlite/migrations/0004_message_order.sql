-- A stream's message list is ordered by the time of each chain's newest version (its timestamp).
DROP INDEX messages_newest;
CREATE INDEX messages_newest ON messages (stream_id, created_at) WHERE replaced_by IS NULL;

-- A version has at most one successor: two concurrent updates of the same version cannot both land.
CREATE UNIQUE INDEX messages_one_successor ON messages (replaces) WHERE replaces IS NOT NULL;
