-- The whole schema of sympod on PostgreSQL: the tables of the SQLite backend's migrations 0001 to
-- 0007 as they stand after the last one. Rows use the codecs of sympod_store::record, so both
-- backends read and write the very same shapes. Unique keys are lower-cased in Rust.
--
-- Constraints that a write may hit are named: the backend classifies a unique violation by the
-- constraint's name (see classify() in src/lib.rs).

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE pods (
    id            BIGINT  PRIMARY KEY,
    company       TEXT    NOT NULL,
    company_key   TEXT    NOT NULL CONSTRAINT pods_company_unique UNIQUE,
    home          BOOLEAN NOT NULL,
    -- Bumped by every allocation: a row lock makes concurrent instances take turns.
    next_local_id BIGINT  NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id           BIGINT PRIMARY KEY,
    pod_id       BIGINT NOT NULL REFERENCES pods (id),
    username     TEXT   NOT NULL,
    username_key TEXT   NOT NULL CONSTRAINT users_username_unique UNIQUE,
    email        TEXT,
    email_key    TEXT CONSTRAINT users_email_unique UNIQUE,
    display_name TEXT   NOT NULL,
    account_type TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    document     TEXT   NOT NULL,
    version      BIGINT NOT NULL
);

CREATE TABLE apps (
    app_id   TEXT CONSTRAINT apps_app_id_unique PRIMARY KEY,
    document TEXT NOT NULL
);

CREATE TABLE streams (
    id               TEXT PRIMARY KEY,
    -- Insertion order: "oldest first" among streams created in the same millisecond.
    ord              BIGINT GENERATED ALWAYS AS IDENTITY,
    kind             TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    created_by       BIGINT  NOT NULL,
    active           BOOLEAN NOT NULL,
    conversation_key TEXT CONSTRAINT streams_conversation_unique UNIQUE,
    pinned_message   TEXT,
    last_message_at  BIGINT,
    room             TEXT,
    search_text      TEXT    NOT NULL
);
CREATE INDEX streams_by_age ON streams (created_at, ord);

CREATE TABLE members (
    stream_id TEXT    NOT NULL REFERENCES streams (id),
    user_id   BIGINT  NOT NULL,
    pod_id    BIGINT  NOT NULL,
    owner     BOOLEAN NOT NULL,
    joined_at BIGINT  NOT NULL,
    left_at   BIGINT,
    PRIMARY KEY (stream_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id, stream_id);

-- The last sequence number handed out. Appending events locks this one row until commit, so
-- event-appending transactions commit one after the other, in seq order: a reader that sees seq n
-- sees every seq below it (see src/events.rs). Rolled back with its transaction: no gaps.
CREATE TABLE event_counter (
    one  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    last BIGINT  NOT NULL
);
INSERT INTO event_counter (one, last) VALUES (TRUE, 0);

-- The event log: seq is the order of everything that happened, never reused.
CREATE TABLE events (
    seq         BIGINT PRIMARY KEY,
    at          BIGINT NOT NULL,
    initiator   BIGINT NOT NULL,
    stream_id   TEXT   NOT NULL,
    stream_type TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    audience    TEXT   NOT NULL
);
-- Who may receive each event, for per-user delivery.
CREATE TABLE event_audience (
    user_id BIGINT NOT NULL,
    seq     BIGINT NOT NULL REFERENCES events (seq),
    PRIMARY KEY (user_id, seq)
);

CREATE TABLE messages (
    id          TEXT PRIMARY KEY,
    stream_id   TEXT   NOT NULL REFERENCES streams (id),
    author_id   BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    initial_id  TEXT   NOT NULL,
    initial_at  BIGINT NOT NULL,
    replaces    TEXT,
    replaced_by TEXT,
    state       TEXT   NOT NULL,
    document    TEXT   NOT NULL
);
-- A stream's message list is ordered by the time of each chain's newest version (its timestamp).
CREATE INDEX messages_newest ON messages (stream_id, created_at) WHERE replaced_by IS NULL;
-- The versions of one edit chain.
CREATE INDEX messages_chain ON messages (initial_id);
-- A version has at most one successor: two concurrent updates of the same version cannot both land.
CREATE UNIQUE INDEX messages_one_successor ON messages (replaces) WHERE replaces IS NOT NULL;

-- File bytes, in chunks of 192 KiB (sympod_store::BLOB_CHUNK). An attachment's id is its blob's id:
-- the copies of a blast share one blob, which lives while some attachment names it.
CREATE TABLE blobs (
    id         TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE blob_chunks (
    blob_id TEXT   NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
    seq     BIGINT NOT NULL,
    data    BYTEA  NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
-- Files are mostly compressed already: store chunks out of line without trying to compress them.
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE attachments (
    message_id TEXT NOT NULL REFERENCES messages (id),
    id         TEXT NOT NULL REFERENCES blobs (id),
    PRIMARY KEY (message_id, id)
);
CREATE INDEX attachments_blob ON attachments (id);

-- Datafeeds: a user's cursor into the event log, and the batch delivered but not yet acknowledged.
-- Datahose feeds (`hose`) are a cursor over the whole log.
CREATE TABLE feeds (
    id                TEXT PRIMARY KEY,
    ord               BIGINT GENERATED ALWAYS AS IDENTITY,
    owner             BIGINT  NOT NULL,
    tag               TEXT,
    include_invisible BOOLEAN NOT NULL,
    created_at        BIGINT  NOT NULL,
    last_read_at      BIGINT  NOT NULL,
    acked_seq         BIGINT  NOT NULL,
    pending_ack_id    TEXT,
    pending_up_to     BIGINT,
    hose              BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX feeds_by_owner ON feeds (owner, created_at, ord);
