-- A campaign's dial settings (issue 13): what its hopper loader loads and when a lead may be called.
-- They live on the campaign's own row, not in a table of their own or in grain storage: there is one set per
-- campaign, CampaignGrain reads it once per activation (and again only when told the row changed), and an admin
-- change is one UPDATE of one row, answered from RETURNING. The defaults are CampaignDialSettings.Default, so
-- every existing campaign keeps dialing as before: federal hours (8:00-21:00 local) every day, NEW leads only,
-- no campaign cap, no recycling, leads of unknown zone not dialed. The checks repeat CampaignDialSettingsRules'
-- limits so a hand-made UPDATE cannot store what the grain would refuse to read.
ALTER TABLE campaigns
    -- READY entries the loader keeps; 0 = the loader loads nothing.
    ADD COLUMN hopper_level integer NOT NULL DEFAULT 500 CHECK (hopper_level BETWEEN 0 AND 100000),
    -- oldest / newest: by lead creation; list: lowest list id first, oldest first within a list.
    ADD COLUMN lead_order text NOT NULL DEFAULT 'oldest' CHECK (lead_order IN ('oldest', 'newest', 'list')),
    -- Upper case; a lead without a status counts as NEW.
    ADD COLUMN dialable_statuses text[] NOT NULL DEFAULT '{NEW}' CHECK (cardinality(dialable_statuses) BETWEEN 1 AND 50),
    -- Seven [start, end] pairs, Sunday first, minutes after the recipient's local midnight, end exclusive;
    -- start = end: no calls that day. Federal hours and the state rules apply on top and only narrow it.
    ADD COLUMN calling_window jsonb NOT NULL
        DEFAULT '[[480,1260],[480,1260],[480,1260],[480,1260],[480,1260],[480,1260],[480,1260]]'
        CHECK (CASE WHEN jsonb_typeof(calling_window) = 'array' THEN jsonb_array_length(calling_window) = 7 ELSE false END),
    -- Attempts per number per rolling 24 h; null = only the state rules' caps.
    ADD COLUMN max_attempts_24h integer CHECK (max_attempts_24h > 0),
    -- {"STATUS": minutes}: how long after its last dial a lead with that status may be loaded again.
    ADD COLUMN recycle_minutes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(recycle_minutes) = 'object'),
    -- IANA zone assumed for leads whose zone is unknown; null = such leads are not dialed.
    ADD COLUMN unknown_zone_as text;
