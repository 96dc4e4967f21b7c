-- Leadline's own tables. Large collections (leads, DNC, hopper entries) live here, written in
-- batches by the grains; Orleans grain storage holds only small grain state.

CREATE TABLE accounts (
    account_id  bigserial PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Operators log in to the dashboard; each API token acts as an API user ("System API User").
CREATE TABLE users (
    user_id       bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts,
    kind          text NOT NULL CHECK (kind IN ('operator', 'api')),
    display_name  text NOT NULL,
    login         text UNIQUE,
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz,
    CHECK (kind <> 'operator' OR (login IS NOT NULL AND password_hash IS NOT NULL))
);
CREATE INDEX users_account ON users (account_id);

-- Only a SHA-256 of the secret is kept; token_hint is its last 4 characters, for display.
CREATE TABLE api_tokens (
    token_id     bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts,
    user_id      bigint NOT NULL REFERENCES users,
    name         text NOT NULL,
    token_hash   bytea NOT NULL UNIQUE,
    token_hint   text NOT NULL,
    scopes       text[] NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

CREATE TABLE campaigns (
    campaign_id bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts,
    name        text NOT NULL,
    status      text NOT NULL DEFAULT 'active',
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaigns_account ON campaigns (account_id);

CREATE TABLE lists (
    list_id     bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts,
    campaign_id bigint NOT NULL REFERENCES campaigns,
    name        text NOT NULL,
    archived    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lists_account ON lists (account_id);
CREATE INDEX lists_campaign ON lists (campaign_id);

-- Per-account custom lead fields; values live in leads.custom_fields.
CREATE TABLE custom_field_definitions (
    account_id  bigint NOT NULL REFERENCES accounts,
    name        text NOT NULL,
    label       text NOT NULL,
    max_length  integer NOT NULL DEFAULT 255 CHECK (max_length BETWEEN 1 AND 4000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, name)
);

-- Silos reserve lead ids from this sequence in blocks (LeadIdAllocator).
CREATE SEQUENCE leads_lead_id_seq AS bigint;

-- No foreign keys on leads and hopper_entries: they are the hot path (a per-row FK trigger cost
-- about as much as two indexes in bench/), only the silos write them, with ids they just resolved,
-- and lists and campaigns are archived, never deleted.
CREATE TABLE leads (
    lead_id             bigint PRIMARY KEY DEFAULT nextval('leads_lead_id_seq'),
    account_id          bigint NOT NULL,
    list_id             bigint NOT NULL,
    campaign_id         bigint NOT NULL,
    phone_code          integer NOT NULL,
    phone_number        text NOT NULL,      -- national significant number
    phone_e164          text NOT NULL,      -- what dedup and DNC match on
    phone_shard         smallint NOT NULL,  -- PhoneShardKey.ShardOf(phone_e164)
    status              text,
    owner_id            text,
    first_name          text,
    last_name           text,
    email               text,
    alt_phone_1         text,
    alt_phone_2         text,
    address1            text,
    address2            text,
    city                text,
    state               text,
    province            text,
    postal_code         text,
    country             text,
    gender              text,
    date_of_birth       date,
    notes               text,
    title               text,
    business_name       text,
    dba                 text,
    industry            text,
    std_company_name    text,
    std_consumer_number text,
    std_account_number  text,
    monthly_revenue     numeric(16, 2),
    annual_revenue      numeric(16, 2),
    start_date          date,
    custom_fields       jsonb NOT NULL DEFAULT '{}',
    created_by          bigint NOT NULL,
    modified_by         bigint NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    modified_at         timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz
);
-- Only what the insert path reads: a phone shard loads its phones by (account, shard). Every index
-- here is paid by every insert; search indexes come with the search API, measured against it.
CREATE INDEX leads_shard ON leads (account_id, phone_shard);

CREATE TABLE dnc (
    dnc_id       bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts,
    campaign_id  bigint NOT NULL DEFAULT 0,  -- 0 = the whole account
    phone_code   integer NOT NULL,
    phone_number text NOT NULL,
    phone_e164   text NOT NULL,
    phone_shard  smallint NOT NULL,
    reason       text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, campaign_id, phone_e164)
);
CREATE INDEX dnc_shard ON dnc (account_id, phone_shard);

-- A lead is in a campaign's hopper at most once; 99 is dialed first, FIFO within a priority.
CREATE TABLE hopper_entries (
    campaign_id bigint NOT NULL,
    lead_id     bigint NOT NULL,
    priority    smallint NOT NULL CHECK (priority BETWEEN 0 AND 99),
    inserted_at timestamptz NOT NULL,
    expires_at  timestamptz,
    state       text NOT NULL DEFAULT 'READY' CHECK (state IN ('READY', 'LEASED')),
    lease_id    uuid,
    leased_to   text,
    lease_until timestamptz,
    PRIMARY KEY (campaign_id, lead_id)
);
-- The hopper grain loads a campaign's entries by the primary key's prefix and orders them in memory.

-- Workflow Automation: rules with ordered actions, fired by events written to an outbox in the
-- same transaction as the change that caused them. Triggers other than HOPPER_EXPIRE fit as-is.
CREATE TABLE workflow_rules (
    rule_id       bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts,
    campaign_id   bigint,                  -- NULL = every campaign of the account
    name          text NOT NULL,
    trigger_event text NOT NULL CHECK (trigger_event IN ('HOPPER_EXPIRE', 'LEAD_INSERTED', 'DUPLICATE_REJECTED', 'DNC_REJECTED')),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_rules_account ON workflow_rules (account_id, trigger_event);

CREATE TABLE workflow_actions (
    rule_id     bigint NOT NULL REFERENCES workflow_rules ON DELETE CASCADE,
    position    integer NOT NULL,
    action_type text NOT NULL CHECK (action_type IN ('WEBHOOK', 'SET_STATUS', 'MOVE_TO_LIST', 'ADD_TO_HOPPER')),
    config      jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (rule_id, position)
);

CREATE TABLE workflow_events (
    event_id      bigserial PRIMARY KEY,
    account_id    bigint NOT NULL,
    event_type    text NOT NULL,
    campaign_id   bigint,
    lead_id       bigint,
    payload       jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_events_account ON workflow_events (account_id, created_at);
