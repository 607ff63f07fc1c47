-- Dossier Bridge project store, schema 9: a person's choices for the next sequence's plan.
-- Released migrations are never edited: add a new numbered file instead.

-- Per application and placed document: the current leaf it replaces (a new version the
-- planner cannot recognise by its path), and the leaf title to send instead of the document's.
CREATE TABLE plan_choice (
    application        TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    document           TEXT NOT NULL REFERENCES document(id),
    replaces_sequence  TEXT,
    replaces_id        TEXT,
    title              TEXT,
    PRIMARY KEY (application, document),
    CHECK ((replaces_sequence IS NULL) = (replaces_id IS NULL))
);
