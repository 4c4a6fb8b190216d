-- Datafeeds: a user's cursor into the event log, and the batch delivered but not yet acknowledged.
CREATE TABLE feeds (
    id                TEXT PRIMARY KEY,
    owner             INTEGER NOT NULL,
    tag               TEXT,
    include_invisible INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    last_read_at      INTEGER NOT NULL,
    acked_seq         INTEGER NOT NULL,
    pending_ack_id    TEXT,
    pending_up_to     INTEGER
);
CREATE INDEX feeds_by_owner ON feeds (owner, created_at);
