-- Saved column mappings of lead imports (/v1/import-mappings/*, /v1/leads/import mapping=<name>, the dashboard's
-- upload): a vendor sends the same layout every day, so the operator names its mapping once. mapping is a JSON
-- object header → field name, null = skip the column; headers are matched trimmed and in any case.
CREATE TABLE import_mappings (
    account_id  bigint NOT NULL REFERENCES accounts,
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    mapping     jsonb NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, name)
);
