-- DLP (Expression Filter): dictionaries with their content, policies, the dictionaries each policy
-- names, violations, and the generation that every dictionary or policy change bumps, so that each
-- instance knows when to rebuild its matcher. Every DLP change first locks the one dlp_state row:
-- changes to dictionaries and policies take turns across instances, and cannot deadlock.
CREATE TABLE dlp_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);
INSERT INTO dlp_state (id, generation) VALUES (1, 0);

CREATE TABLE dlp_dictionaries (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY,
    id         TEXT   PRIMARY KEY,
    name_key   TEXT   NOT NULL CONSTRAINT dlp_dictionaries_name_unique UNIQUE,
    created_at BIGINT NOT NULL,
    document   TEXT   NOT NULL,
    content    TEXT   NOT NULL
);

CREATE TABLE dlp_policies (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY,
    id         TEXT   PRIMARY KEY,
    name_key   TEXT   NOT NULL CONSTRAINT dlp_policies_name_unique UNIQUE,
    created_at BIGINT NOT NULL,
    document   TEXT   NOT NULL
);

CREATE TABLE dlp_policy_dictionaries (
    policy_id     TEXT NOT NULL REFERENCES dlp_policies (id) ON DELETE CASCADE,
    dictionary_id TEXT NOT NULL REFERENCES dlp_dictionaries (id),
    PRIMARY KEY (policy_id, dictionary_id)
);
CREATE INDEX dlp_policy_dictionaries_by_dictionary ON dlp_policy_dictionaries (dictionary_id);

CREATE TABLE dlp_violations (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT   NOT NULL CONSTRAINT dlp_violations_id_unique UNIQUE,
    kind       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    document   TEXT   NOT NULL
);
CREATE INDEX dlp_violations_by_time ON dlp_violations (kind, created_at, seq);
