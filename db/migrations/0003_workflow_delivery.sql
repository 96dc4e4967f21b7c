-- Workflow Automation delivery: every workflow event fans out to one delivery per matching rule, in
-- the transaction that records the event (so an expiry, its event and its deliveries commit together),
-- and silos' delivery workers run each delivery's actions at least once.

-- Rules are soft-deleted: their deliveries and attempt logs stay readable for the dashboard.
ALTER TABLE workflow_rules ADD COLUMN deleted_at timestamptz;

CREATE TABLE workflow_deliveries (
    delivery_id     bigserial PRIMARY KEY,
    event_id        bigint NOT NULL REFERENCES workflow_events,
    rule_id         bigint NOT NULL REFERENCES workflow_rules,
    account_id      bigint NOT NULL,
    state           text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED')),
    -- Attempts since creation or since an operator's retry; MaxAttempts failed ones make it DEAD.
    attempts        integer NOT NULL DEFAULT 0,
    -- Actions before this position are done: a retry resumes, it does not repeat a finished action.
    next_action     integer NOT NULL DEFAULT 0,
    -- Due time. A worker's claim moves it into the future by the claim timeout, so a claim held by a
    -- silo that died simply becomes due again.
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    UNIQUE (event_id, rule_id)
);
CREATE INDEX workflow_deliveries_due ON workflow_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX workflow_deliveries_account ON workflow_deliveries (account_id, state, delivery_id);
CREATE INDEX workflow_deliveries_rule ON workflow_deliveries (rule_id, delivery_id);

-- One row per try of one action (a webhook's in-process retries each get a row).
CREATE TABLE workflow_delivery_attempts (
    attempt_id      bigserial PRIMARY KEY,
    delivery_id     bigint NOT NULL REFERENCES workflow_deliveries,
    attempt         integer NOT NULL,
    action_position integer NOT NULL,
    action_type     text NOT NULL,
    started_at      timestamptz NOT NULL,
    duration_ms     integer NOT NULL,
    http_status     integer,
    outcome         text NOT NULL CHECK (outcome IN ('OK', 'FAILED', 'SKIPPED')),
    detail          text,
    silo            text NOT NULL
);
CREATE INDEX workflow_delivery_attempts_delivery ON workflow_delivery_attempts (delivery_id, attempt_id);

-- Fan-out by trigger, once per statement over its new rows: whoever records an event (hopper expiry
-- today; inserts and rejections later) gets deliveries for the rules that exist at that moment.
CREATE FUNCTION workflow_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO workflow_deliveries (event_id, rule_id, account_id)
    SELECT e.event_id, r.rule_id, e.account_id
    FROM new_events e
    JOIN workflow_rules r ON r.account_id = e.account_id AND r.trigger_event = e.event_type
    WHERE r.enabled AND r.deleted_at IS NULL
      AND (r.campaign_id IS NULL OR r.campaign_id = e.campaign_id);
    RETURN NULL;
END $$;

CREATE TRIGGER workflow_events_fan_out
    AFTER INSERT ON workflow_events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION workflow_fan_out();

CREATE INDEX workflow_events_lead ON workflow_events (lead_id);
