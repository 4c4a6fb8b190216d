-- DLP (Expression Filter): dictionaries with their content, policies, the dictionaries each policy
-- names, violations, and the generation that every dictionary or policy change bumps, so that each
-- instance knows when to rebuild its matcher.
CREATE TABLE dlp_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO dlp_state (id, generation) VALUES (1, 0);

CREATE TABLE dlp_dictionaries (
    id         TEXT PRIMARY KEY,
    name_key   TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    document   TEXT NOT NULL,
    content    TEXT NOT NULL
);

CREATE TABLE dlp_policies (
    id         TEXT PRIMARY KEY,
    name_key   TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    document   TEXT NOT NULL
);

CREATE TABLE dlp_policy_dictionaries (
    policy_id     TEXT NOT NULL REFERENCES dlp_policies (id) ON DELETE CASCADE,
    dictionary_id TEXT NOT NULL REFERENCES dlp_dictionaries (id),
    PRIMARY KEY (policy_id, dictionary_id)
);
CREATE INDEX dlp_policy_dictionaries_by_dictionary ON dlp_policy_dictionaries (dictionary_id);

CREATE TABLE dlp_violations (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    document   TEXT NOT NULL
);
CREATE INDEX dlp_violations_by_time ON dlp_violations (kind, created_at, seq);
