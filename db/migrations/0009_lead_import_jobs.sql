-- Lead uploads from the dashboard (Lists → Upload leads): one job per uploaded file. The file is stored in
-- the API host's import folder (Leadline:Imports:Folder) until the job ends; ImportJobRunner on that host runs
-- the job through the insert path (the phone shards), writing the counts here as it goes, so the page shows
-- the progress after a reload and from another browser.
--
-- States: uploaded (the file is stored, the operator maps the columns) → queued (Start) → running → done,
-- failed (the file broke or storage was unavailable part-way), cancelled (by the operator, before or while
-- running), interrupted (the API host stopped while it ran; marked at the next start; no resume).
CREATE TABLE lead_import_jobs (
    job_id            bigserial PRIMARY KEY,
    account_id        bigint NOT NULL REFERENCES accounts,
    list_id           bigint NOT NULL REFERENCES lists,
    user_id           bigint NOT NULL REFERENCES users,     -- the operator who uploaded; the leads' created_by
    file_name         text NOT NULL,                        -- as the operator's browser named it
    file_path         text,                                 -- the stored upload; NULL once deleted (the job ended)
    file_bytes        bigint NOT NULL,
    host              text NOT NULL,                        -- the API host that holds the file and runs the job
    columns           text[] NOT NULL,                      -- the file's header row
    state             text NOT NULL DEFAULT 'uploaded'
                      CHECK (state IN ('uploaded', 'queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
    -- The options of /v1/leads/import, for every row.
    check_dup         smallint NOT NULL DEFAULT 0 CHECK (check_dup BETWEEN 0 AND 3),
    check_dup_archive boolean NOT NULL DEFAULT false,
    check_dnc         boolean NOT NULL DEFAULT false,
    hopper            boolean NOT NULL DEFAULT false,
    hopper_priority   smallint NOT NULL DEFAULT 99 CHECK (hopper_priority BETWEEN 0 AND 99),
    -- The column mapping as /v1/leads/import takes it: {"map_<Header>": "<field>"}, "" = the column is skipped.
    mapping           jsonb NOT NULL DEFAULT '{}',
    -- Counts so far (written every 500 rows or second while running), and how far into the file the reader is.
    rows_done         bigint NOT NULL DEFAULT 0,
    inserted          bigint NOT NULL DEFAULT 0,
    updated           bigint NOT NULL DEFAULT 0,
    duplicates        bigint NOT NULL DEFAULT 0,
    dnc               bigint NOT NULL DEFAULT 0,
    invalid           bigint NOT NULL DEFAULT 0,
    bytes_read        bigint NOT NULL DEFAULT 0,
    cancel_requested  boolean NOT NULL DEFAULT false,       -- a Cancel that reached another API host than the runner's
    error             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    queued_at         timestamptz,
    started_at        timestamptz,
    progress_at       timestamptz,                          -- the runner's last write (a heartbeat)
    finished_at       timestamptz
);
CREATE INDEX lead_import_jobs_account ON lead_import_jobs (account_id, job_id DESC);
CREATE INDEX lead_import_jobs_open ON lead_import_jobs (host, job_id) WHERE state IN ('uploaded', 'queued', 'running'); -- the runner's claims and sweeps

-- The rows an import did not store (invalid, duplicate, DNC), with the row's cells as they were in the file:
-- "Download refused rows" writes them back as a CSV with the reason, to be corrected and uploaded again.
CREATE TABLE lead_import_refusals (
    job_id     bigint NOT NULL REFERENCES lead_import_jobs ON DELETE CASCADE,
    row_number bigint NOT NULL,                             -- 1 = the first row after the header (blank rows not counted)
    code       integer NOT NULL,
    text       text NOT NULL,
    cells      text[] NOT NULL,
    PRIMARY KEY (job_id, row_number)
);
