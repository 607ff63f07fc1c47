-- Dossier Bridge project store, schema 4: built CTD bundles (Hong Kong: no eCTD, one file per
-- document uploaded through the DoH portal) and the index of every file they hold.
-- Released migrations are never edited: add a new numbered file instead.
--
-- A bundle is not an eCTD sequence (no backbone, no leaf lifecycle, no region code the
-- `sequence` table accepts), so it gets its own tables rather than loosening those checks.

CREATE TABLE bundle (
    application  TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    number       TEXT NOT NULL CHECK (number GLOB '[0-9][0-9][0-9][0-9]'),
    format       TEXT NOT NULL,                 -- the profile format, e.g. hk-ctd
    folder       TEXT NOT NULL,                 -- where it was written
    index_md5    TEXT NOT NULL,                 -- MD5 of index.csv
    built_at     TEXT NOT NULL,
    PRIMARY KEY (application, number)
);

-- One row per file and checklist item it serves: the data of index.csv, kept so that other
-- renderings of the index (PDF) can be made later without rebuilding.
CREATE TABLE bundle_file (
    application    TEXT NOT NULL,
    bundle         TEXT NOT NULL,
    path           TEXT NOT NULL,               -- from the bundle folder
    item           TEXT NOT NULL,
    item_title     TEXT NOT NULL,
    section        TEXT NOT NULL,               -- 3.2.P.5.1, hk:gmp-certificates, …
    section_title  TEXT NOT NULL,
    route          TEXT,
    document       TEXT NOT NULL REFERENCES document(id),
    title          TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    md5            TEXT NOT NULL,
    size           INTEGER NOT NULL,
    role           TEXT,                        -- cover-letter, or NULL
    PRIMARY KEY (application, bundle, path, item),
    FOREIGN KEY (application, bundle) REFERENCES bundle(application, number) ON DELETE CASCADE
);
