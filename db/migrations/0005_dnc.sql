-- The DNC API (/v1/dnc/*): Convoso's purpose field, when an entry last changed, and what search reads.
ALTER TABLE dnc ADD COLUMN purpose text;
ALTER TABLE dnc ADD COLUMN modified_at timestamptz NOT NULL DEFAULT now();

-- Search by number (any campaign) and by insert date; (account_id, campaign_id, phone_e164) is
-- already covered by the UNIQUE constraint.
CREATE INDEX dnc_account_phone ON dnc (account_id, phone_e164);
CREATE INDEX dnc_account_created ON dnc (account_id, created_at);
