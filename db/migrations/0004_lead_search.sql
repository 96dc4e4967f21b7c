-- Indexes for /v1/leads/search (src/ApiHost/Leads/Search). Every one is paid by every insert, so
-- only filters people and programs search by alone get one; the rest (owner_id, created_by, city,
-- state, postal_code, country, custom fields, other standard fields) are checked on the rows an
-- indexed filter or the default order already reads. Figures: bench/README.md ("Search").
--
-- All are partial on deleted_at IS NULL: search never finds deleted leads, so they stay out of the
-- indexes, and a count is an index-only scan with no heap visit to test deleted_at. All lead with
-- account_id: every search is within one account, and a small account is never slowed by a big one.
--
-- Search order is created_at DESC, lead_id DESC (lead_id breaks ties: a write batch shares one
-- created_at). Ending the equality indexes in (created_at, lead_id) lets one index give both the
-- matches and their order, so a page of the newest 10 of 400,000 reads 10 entries, and
-- "list X created last week" is one range scan. An index on lead_id order would not do: the primary
-- key is already in that order, and PostgreSQL then walks it across other accounts' newer leads.
--
-- Built inside the migration's transaction (DbUp), which locks out inserts while it runs: on a
-- database that already holds millions of leads, create them first with CREATE INDEX CONCURRENTLY
-- under these names; IF NOT EXISTS then skips them here.

-- No filter, and created_at_start_date / created_at_end_date (alone or with unindexed filters).
CREATE INDEX IF NOT EXISTS leads_search_created ON leads (account_id, created_at, lead_id) WHERE deleted_at IS NULL;

-- list_id, campaign_id, status: large match sets, so the order must come from the index.
CREATE INDEX IF NOT EXISTS leads_search_list ON leads (account_id, list_id, created_at, lead_id) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS leads_search_campaign ON leads (account_id, campaign_id, created_at, lead_id) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS leads_search_status ON leads (account_id, status, created_at, lead_id) WHERE deleted_at IS NULL;

-- updated_at_start_date / updated_at_end_date ("what changed since", the sync clients' query); a
-- search by updated_at is ordered by it, so this index gives the order too.
CREATE INDEX IF NOT EXISTS leads_search_modified ON leads (account_id, modified_at, lead_id) WHERE deleted_at IS NULL;

-- Looking up a caller: phone_number (normalized, as dedup stores it), and the alternate phones,
-- which most leads lack; partial on NOT NULL so a lead without one costs those indexes nothing.
CREATE INDEX IF NOT EXISTS leads_search_phone ON leads (account_id, phone_e164) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS leads_search_alt_phone_1 ON leads (account_id, alt_phone_1) WHERE deleted_at IS NULL AND alt_phone_1 IS NOT NULL;
CREATE INDEX IF NOT EXISTS leads_search_alt_phone_2 ON leads (account_id, alt_phone_2) WHERE deleted_at IS NULL AND alt_phone_2 IS NOT NULL;

-- email and names compare case-insensitively (lower(col) = lower($n) in the search). One index
-- serves last_name and last_name + first_name; first_name alone scans this index's entries of the
-- account, which stays well under a table scan.
CREATE INDEX IF NOT EXISTS leads_search_email ON leads (account_id, lower(email)) WHERE deleted_at IS NULL AND email IS NOT NULL;
CREATE INDEX IF NOT EXISTS leads_search_name ON leads (account_id, lower(last_name), lower(first_name)) WHERE deleted_at IS NULL;

-- The planner ignores the statistics of a partial index's expressions, so without these it guesses
-- that lower(email) = 'x' matches 0.5% of the leads, walks leads_search_created for them and reads
-- the whole account (650 ms for one email over 1,000,000 leads in bench/). Statistics objects cost
-- ANALYZE a little and inserts nothing (expression statistics need PostgreSQL >= 14).
CREATE STATISTICS IF NOT EXISTS leads_search_email_stats ON (lower(email)) FROM leads;
CREATE STATISTICS IF NOT EXISTS leads_search_last_name_stats ON (lower(last_name)) FROM leads;
CREATE STATISTICS IF NOT EXISTS leads_search_first_name_stats ON (lower(first_name)) FROM leads;

-- A list belongs to one account and one campaign. Without this PostgreSQL multiplies the
-- selectivities of account_id and list_id as if independent, so an estimated total (past the exact
-- count limit) came out ~17% low for a big account's list in bench/; with it, within 1%.
CREATE STATISTICS IF NOT EXISTS leads_search_scope_stats (dependencies) ON account_id, list_id, campaign_id FROM leads;
