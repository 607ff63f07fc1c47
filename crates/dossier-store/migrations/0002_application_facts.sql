-- Dossier Bridge project store, schema 2: what an application knows about itself.
-- Released migrations are never edited: add a new numbered file instead.

-- The date the filing is planned for: certificates must still be valid then.
ALTER TABLE application ADD COLUMN target_date TEXT;
-- Facts the profile's conditions read (applicant_in_region, overseas_data_relied_on, …),
-- as a JSON object of booleans and strings.
ALTER TABLE application ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';
