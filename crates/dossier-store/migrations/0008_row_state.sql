-- Dossier Bridge project store, schema 8: each audit record carries the content of the rows it
-- changed, so `dossier verify` sees a row edited, deleted or added behind the program's back.
-- Released migrations are never edited: add a new numbered file instead.

-- JSON array of {table, key, row} (row NULL when deleted); covered by the record's hash. NULL
-- for records written before this migration. A store that had rows then gets one baseline
-- record (action `audit.baseline`) holding them as found at the upgrade.
-- A later migration that adds a column to a tracked table must record a new baseline, or every
-- row of that table would differ from its record by the new field.
ALTER TABLE audit_log ADD COLUMN rows TEXT;
