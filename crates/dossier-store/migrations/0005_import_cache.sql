-- Dossier Bridge project store, schema 5: what import has already hashed.
-- Released migrations are never edited: add a new numbered file instead.

-- A re-import of a folder skips files whose size and modification time are unchanged since
-- they were last hashed (the test rsync and git use), so re-importing 30 GB takes seconds.
-- A cache, not dossier content: rows are not audited and may be dropped at any time.
CREATE TABLE import_cache (
    source    TEXT PRIMARY KEY,      -- absolute path as imported
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    sha256    TEXT NOT NULL
);
