-- Streams: IMs, MIMs, rooms and walls; their members, current and past; the event log; messages.

CREATE TABLE streams (
    id               TEXT PRIMARY KEY,
    kind             TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    created_by       INTEGER NOT NULL,
    active           INTEGER NOT NULL,
    conversation_key TEXT UNIQUE,
    pinned_message   TEXT,
    last_message_at  INTEGER,
    room             TEXT,
    search_text      TEXT    NOT NULL
);

CREATE TABLE members (
    stream_id TEXT    NOT NULL REFERENCES streams (id),
    user_id   INTEGER NOT NULL,
    pod_id    INTEGER NOT NULL,
    owner     INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    left_at   INTEGER,
    PRIMARY KEY (stream_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id, stream_id);

-- The event log: seq is the order of everything that happened, never reused.
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    initiator   INTEGER NOT NULL,
    stream_id   TEXT    NOT NULL,
    stream_type TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    audience    TEXT    NOT NULL
);
-- Who may receive each event, for per-user delivery.
CREATE TABLE event_audience (
    user_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL REFERENCES events (seq),
    PRIMARY KEY (user_id, seq)
);

CREATE TABLE messages (
    id          TEXT PRIMARY KEY,
    stream_id   TEXT    NOT NULL REFERENCES streams (id),
    author_id   INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    initial_id  TEXT    NOT NULL,
    replaces    TEXT,
    replaced_by TEXT,
    state       TEXT    NOT NULL,
    document    TEXT    NOT NULL
);
CREATE INDEX messages_by_stream ON messages (stream_id, created_at);
