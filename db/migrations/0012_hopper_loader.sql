-- The hopper loader and dialing rules (issue 13).
--
-- 1. Each lead's dial region (DialRegions: state or country + IANA zones), computed once when the lead is
--    written and stored here, so neither the loader nor a pull works it out again. '' = computed, zone
--    unknown (not dialed unless the campaign says which zone to assume); NULL = written before this
--    migration, filled in by DialRegionBackfill at silo start (leads_dial_region_missing finds them; new
--    leads never enter that index, so it costs inserts nothing).
ALTER TABLE leads ADD COLUMN IF NOT EXISTS dial_region text;
CREATE INDEX IF NOT EXISTS leads_dial_region_missing ON leads (lead_id) WHERE dial_region IS NULL;

-- The hopper keeps a sub-queue per region; its rows carry the region so it rebuilds them without a join.
ALTER TABLE hopper_entries ADD COLUMN IF NOT EXISTS dial_region text;

-- 2. When the lead was last dialed (set by a hopper ack). NULL = never: a fresh lead the loader may load
--    when its status is dialable. A dialed lead is loaded again only after its status's recycle delay.
ALTER TABLE leads ADD COLUMN IF NOT EXISTS last_dialed_at timestamptz;

-- The loader's indexes. Fresh leads of a list in lead order: the loader walks them forward (oldest first)
-- or backward (newest first) and stops at the hopper level, so a campaign of a million leads refills a
-- hopper by reading about as many index entries as it loads. A dialed lead leaves this index (its
-- last_dialed_at is set), so leads dialed long ago are never read again by this walk. Every new lead
-- pays one index entry here (measured: bench/README.md, "Hopper loader").
CREATE INDEX IF NOT EXISTS leads_loader_fresh ON leads (list_id, created_at, lead_id)
    WHERE deleted_at IS NULL AND last_dialed_at IS NULL;
-- Dialed leads by status (a lead without one counts as NEW) and dial time: those whose recycle delay has
-- passed, per list and status.
-- Only dialed leads are in it: inserts never touch it.
CREATE INDEX IF NOT EXISTS leads_loader_recycle ON leads (list_id, (upper(coalesce(status, 'NEW'))), last_dialed_at)
    WHERE deleted_at IS NULL AND last_dialed_at IS NOT NULL;

-- 3. Dial attempts per number, for the rolling 24-hour caps (campaign setting; state rules). One row per
--    acked lease. No foreign keys: written only by the hopper with ids it just read; old rows are pruned.
CREATE TABLE IF NOT EXISTS dial_attempts (
    account_id   bigint NOT NULL,
    phone_e164   text NOT NULL,
    attempted_at timestamptz NOT NULL,
    campaign_id  bigint NOT NULL,
    lead_id      bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS dial_attempts_phone ON dial_attempts (account_id, phone_e164, attempted_at);
