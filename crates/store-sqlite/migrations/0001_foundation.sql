-- Foundation: secrets, pods, users, apps.
-- Users and apps keep their indexed attributes in columns and the rest in one JSON document
-- (see sympod_store::record); unique keys are lower-cased in Rust so both backends agree.

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE pods (
    id            INTEGER PRIMARY KEY,
    company       TEXT    NOT NULL,
    company_key   TEXT    NOT NULL UNIQUE,
    home          INTEGER NOT NULL,
    next_local_id INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    pod_id       INTEGER NOT NULL REFERENCES pods (id),
    username     TEXT    NOT NULL,
    username_key TEXT    NOT NULL UNIQUE,
    email        TEXT,
    email_key    TEXT UNIQUE,
    display_name TEXT    NOT NULL,
    account_type TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    document     TEXT    NOT NULL,
    version      INTEGER NOT NULL
);

CREATE TABLE apps (
    app_id   TEXT PRIMARY KEY,
    document TEXT NOT NULL
);
