-- Convoso's list fields (/v1/lists/insert|update|search): a status (active Y/N) and a description.
-- The status is Convoso's switch and is separate from Leadline's archive (lists.archived, which takes the
-- leads out of the hoppers and out of check_dup). It is stored and shown (API, dashboard); the hopper's
-- pull-time check and inserts do not look at it yet.
ALTER TABLE lists ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE lists ADD COLUMN description text;
