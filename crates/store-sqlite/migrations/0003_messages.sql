-- Messages with their edit chains, and attachment bytes. Replaces the placeholder table of 0002
-- (no endpoint could write to it).

DROP TABLE messages;

CREATE TABLE messages (
    id          TEXT PRIMARY KEY,
    stream_id   TEXT    NOT NULL REFERENCES streams (id),
    author_id   INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    initial_id  TEXT    NOT NULL,
    initial_at  INTEGER NOT NULL,
    replaces    TEXT,
    replaced_by TEXT,
    state       TEXT    NOT NULL,
    document    TEXT    NOT NULL
);
-- The newest version of each chain, in conversation order: what a stream's message list reads.
CREATE INDEX messages_newest ON messages (stream_id, initial_at) WHERE replaced_by IS NULL;

CREATE TABLE attachments (
    message_id TEXT NOT NULL REFERENCES messages (id),
    id         TEXT NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (message_id, id)
);
