-- Dossier Bridge project store, schema 6: a person takes an automatically mapped document off
-- a checklist item. Released migrations are never edited: add a new numbered file instead.

CREATE TABLE exclusion (
    application  TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    item         TEXT NOT NULL,
    document     TEXT NOT NULL REFERENCES document(id),
    PRIMARY KEY (application, item, document)
);
