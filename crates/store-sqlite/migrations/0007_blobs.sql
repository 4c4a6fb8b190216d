-- File bytes move out of `attachments` into blobs stored in 192 KiB chunks (sympod_store::BLOB_CHUNK),
-- so that no file is ever read or written whole. An attachment's id is its blob's id: the copies of
-- a blast share one blob, which lives while some attachment names it.

CREATE TABLE blobs (
    id         TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE blob_chunks (
    blob_id TEXT    NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    data    BLOB    NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

-- The files stored so far: a blast stored one copy per message under the same id, all equal.
INSERT INTO blobs (id, size, created_at)
SELECT id, length(data), 0 FROM attachments GROUP BY id;

INSERT INTO blob_chunks (blob_id, seq, data)
WITH RECURSIVE n (seq) AS (
    SELECT 0
    UNION ALL
    SELECT seq + 1 FROM n WHERE (seq + 1) * 196608 < (SELECT coalesce(max(size), 0) FROM blobs)
)
SELECT b.id, n.seq, substr(a.data, n.seq * 196608 + 1, 196608)
FROM blobs b
JOIN n ON n.seq * 196608 < b.size
JOIN attachments a ON a.rowid = (SELECT min(rowid) FROM attachments WHERE id = b.id);

ALTER TABLE attachments RENAME TO attachments_0006;

CREATE TABLE attachments (
    message_id TEXT NOT NULL REFERENCES messages (id),
    id         TEXT NOT NULL REFERENCES blobs (id),
    PRIMARY KEY (message_id, id)
);
CREATE INDEX attachments_blob ON attachments (id);

INSERT INTO attachments (message_id, id) SELECT message_id, id FROM attachments_0006;
DROP TABLE attachments_0006;
