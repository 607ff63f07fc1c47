-- Dossier Bridge project store, schema 1.
-- Released migrations are never edited: add a new numbered file instead
-- (tests/store/migrate.rs pins every released file's checksum).

CREATE TABLE project (
    id          TEXT PRIMARY KEY,      -- prj_…
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE product (
    id           INTEGER PRIMARY KEY CHECK (id = 1),  -- one product per project
    inn          TEXT NOT NULL,
    trade_names  TEXT NOT NULL DEFAULT '[]',          -- JSON arrays of strings
    modality     TEXT NOT NULL CHECK (modality IN
                   ('chemical', 'biological', 'vaccine', 'advanced-therapy', 'tcm')),
    dosage_forms TEXT NOT NULL DEFAULT '[]',
    strengths    TEXT NOT NULL DEFAULT '[]',
    route        TEXT,
    indications  TEXT NOT NULL DEFAULT '[]',
    applicant    TEXT,
    mah          TEXT,
    atc          TEXT
);

CREATE TABLE site (
    position  INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    address   TEXT,
    country   TEXT NOT NULL,
    role      TEXT NOT NULL
);

CREATE TABLE document (
    id                   TEXT PRIMARY KEY,          -- doc_ + 16 hex of sha256
    sha256               TEXT NOT NULL UNIQUE,
    md5                  TEXT NOT NULL,
    size                 INTEGER NOT NULL,
    file_name            TEXT NOT NULL,
    source_path          TEXT NOT NULL,
    source_path_raw      BLOB,                       -- original bytes of a non-UTF-8 path
    version              INTEGER NOT NULL DEFAULT 1,
    kind                 TEXT NOT NULL,
    pdf_header_version   TEXT,
    pdf_catalog_version  TEXT,
    pdf_pages            INTEGER,
    pdf_encrypted        INTEGER,
    pdf_has_bookmarks    INTEGER,
    doc_type             TEXT,
    section              TEXT,
    confidence           REAL NOT NULL DEFAULT 0,
    classified_by        TEXT NOT NULL DEFAULT 'guess' CHECK (classified_by IN ('guess', 'facts', 'user')),
    language             TEXT,
    title                TEXT,
    issued               TEXT,
    expires              TEXT,
    study                TEXT,
    translation_of       TEXT REFERENCES document(id),
    imported_at          TEXT NOT NULL,
    findings             TEXT NOT NULL DEFAULT '[]'  -- JSON array of findings
);
CREATE INDEX document_source_path ON document(source_path);
CREATE INDEX document_doc_type ON document(doc_type);

CREATE TABLE study (
    id               TEXT PRIMARY KEY,              -- protocol number
    title            TEXT,
    phase            TEXT NOT NULL,
    design           TEXT,
    indication       TEXT,
    pivotal          INTEGER NOT NULL DEFAULT 0,
    csr_document     TEXT REFERENCES document(id),
    subjects_total           INTEGER NOT NULL CHECK (subjects_total >= 0),
    subjects_hong_kong       INTEGER NOT NULL DEFAULT 0,
    subjects_mainland_china  INTEGER NOT NULL DEFAULT 0,
    subjects_other_asia      INTEGER NOT NULL DEFAULT 0,
    subjects_us              INTEGER NOT NULL DEFAULT 0,
    subjects_eu              INTEGER NOT NULL DEFAULT 0,
    subjects_rest_of_world   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE approval (
    position        INTEGER PRIMARY KEY,
    authority       TEXT NOT NULL,
    country         TEXT NOT NULL,
    date            TEXT NOT NULL,
    number          TEXT,
    indication      TEXT,
    designations    TEXT NOT NULL DEFAULT '[]',
    proof_document  TEXT REFERENCES document(id)
);

CREATE TABLE application (
    id          TEXT PRIMARY KEY,                  -- app_…
    profile     TEXT NOT NULL,                     -- authority profile id in templates/
    route       TEXT,                              -- e.g. HK "1plus"
    title       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE assignment (
    id              INTEGER PRIMARY KEY,
    application     TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    item            TEXT NOT NULL,                 -- checklist item id of the profile
    document        TEXT REFERENCES document(id),
    origin          TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
    not_applicable  TEXT,                          -- reason, when the item is marked not applicable
    UNIQUE (application, item, document)
);

-- Append-only; each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    before     TEXT,                               -- JSON
    after      TEXT,                               -- JSON
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
