-- Dossier Bridge project store, schema 3: built eCTD sequences and what each one sent.
-- Released migrations are never edited: add a new numbered file instead.

-- Facts for the regional backbone envelopes (EU envelope, NMPA cn-envelope, FDA admin block), as
-- one JSON object per application. The EU application UUID lives here once the first build
-- assigns it, so every later sequence carries the same one (EU VC 9.7-9.9).
CREATE TABLE application_envelope (
    application  TEXT PRIMARY KEY REFERENCES application(id) ON DELETE CASCADE,
    envelope     TEXT NOT NULL DEFAULT '{}'
);

-- One built (or imported) sequence of an application.
CREATE TABLE sequence (
    application  TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    number       TEXT NOT NULL CHECK (number GLOB '[0-9][0-9][0-9][0-9]'),
    region       TEXT NOT NULL CHECK (region IN ('us', 'eu', 'cn')),
    kind         TEXT NOT NULL CHECK (kind IN ('submission', 'withdrawal', 'imported')),
    folder       TEXT NOT NULL,                 -- where it was written
    index_md5    TEXT NOT NULL,
    envelope     TEXT NOT NULL,                 -- JSON: the envelope as written
    built_at     TEXT NOT NULL,
    PRIMARY KEY (application, number)
);

-- Every leaf a sequence sent, with its lifecycle operation.
CREATE TABLE sequence_leaf (
    application        TEXT NOT NULL,
    sequence           TEXT NOT NULL,
    id                 TEXT NOT NULL,           -- leaf ID in the backbone
    backbone           TEXT NOT NULL CHECK (backbone IN ('index', 'regional')),
    section            TEXT NOT NULL,           -- 3.2.P.5.1, eu:1.3.1, …
    lineage            TEXT NOT NULL,           -- what makes documents versions of one another
    document           TEXT REFERENCES document(id),   -- NULL for a delete
    operation          TEXT NOT NULL CHECK (operation IN ('new', 'append', 'replace', 'delete')),
    href               TEXT,                    -- from the sequence folder; NULL for a delete
    md5                TEXT,
    title              TEXT NOT NULL,
    modifies_sequence  TEXT,
    modifies_id        TEXT,
    PRIMARY KEY (application, sequence, id),
    FOREIGN KEY (application, sequence) REFERENCES sequence(application, number) ON DELETE CASCADE
);
-- EU VC 11.12: a leaf is replaced or deleted at most once across the lifecycle.
CREATE UNIQUE INDEX sequence_leaf_replaced_once ON sequence_leaf(application, modifies_sequence, modifies_id)
    WHERE operation IN ('replace', 'delete');
