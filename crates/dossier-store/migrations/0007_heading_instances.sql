-- Dossier Bridge project store, schema 7: instances of repeated CTD headings.
-- Released migrations are never edited: add a new numbered file instead.

-- Which instance of a repeated heading a document belongs to (3.2.S per substance and
-- manufacturer, 3.2.P per dosage form, 3.2.P.4 per excipient, 2.7.3 / 5.3.5 per indication);
-- NULL = not stated.
ALTER TABLE document ADD COLUMN substance TEXT;
ALTER TABLE document ADD COLUMN manufacturer TEXT;
ALTER TABLE document ADD COLUMN dosage_form TEXT;
ALTER TABLE document ADD COLUMN indication TEXT;
ALTER TABLE document ADD COLUMN excipient TEXT;

-- Excipients controlled one by one in 3.2.P.4, as a JSON array of names.
ALTER TABLE product ADD COLUMN excipients TEXT NOT NULL DEFAULT '[]';

-- The drug substance a drug substance manufacturer makes (products with several substances).
ALTER TABLE site ADD COLUMN substance TEXT;

-- The heading instances a leaf was filed under, as JSON {kind: {folder, attributes}}; NULL for
-- leaves built before instances were recorded (they had one instance per heading).
ALTER TABLE sequence_leaf ADD COLUMN heading TEXT;
