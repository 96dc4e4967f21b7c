-- 0001_orleans.sql
--
-- Schema read at runtime by the Microsoft Orleans 10.4.2 ADO.NET providers
-- (invariant "Npgsql"): clustering, grain persistence and reminders.
--
-- The providers load their SQL from the OrleansQuery table by key, bind named
-- parameters (@DeploymentId, @ServiceId, @GrainIdHash, ...) and read result
-- columns by name. Those names are a contract with the provider code and must
-- not be renamed. Layout follows the upstream dotnet/orleans PostgreSQL scripts
-- (including the newer captured-value Dead-row cleanup for clustering).
--
-- Idempotent: safe to run on an empty database and safe to run again.
-- No BEGIN/COMMIT here: the migration runner wraps the script in a transaction.
-- Function bodies use the empty dollar tag only (no named tags), and no line
-- consists of a bare semicolon, so script splitters/variable substitution in
-- migration runners leave the file intact.


-- ---------------------------------------------------------------------------
-- Query catalogue
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);


-- ---------------------------------------------------------------------------
-- Clustering (membership)
-- ---------------------------------------------------------------------------

-- One row per deployment (cluster id); Version is the membership table etag.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo instance.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Heartbeat: never moves IAmAliveTime backwards; result is not inspected.
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id   varchar,
    address_arg     varchar,
    port_arg        integer,
    generation_arg  integer,
    i_am_alive_time timestamptz)
  RETURNS void AS
$$
BEGIN
    UPDATE OrleansMembershipTable AS m
    SET IAmAliveTime = GREATEST(m.IAmAliveTime, i_am_alive_time)
    WHERE m.DeploymentId = deployment_id AND deployment_id IS NOT NULL
      AND m.Address = address_arg AND address_arg IS NOT NULL
      AND m.Port = port_arg AND port_arg IS NOT NULL
      AND m.Generation = generation_arg AND generation_arg IS NOT NULL;
END
$$ LANGUAGE plpgsql;

-- Creates the version row for a deployment; returns 1 if created, 0 if it existed.
CREATE OR REPLACE FUNCTION insert_membership_version(
    DeploymentIdArg varchar)
  RETURNS TABLE(row_count integer) AS
$$
DECLARE
    RowCountVar int := 0;
BEGIN
    BEGIN
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        SELECT DeploymentIdArg
        ON CONFLICT (DeploymentId) DO NOTHING;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;

        IF RowCountVar = 0 THEN
            RAISE EXCEPTION 'no rows affected, rollback' USING ERRCODE = 'assert_failure';
        END IF;

        RETURN QUERY SELECT RowCountVar;
    EXCEPTION
        WHEN assert_failure THEN
            RETURN QUERY SELECT RowCountVar;
    END;
END
$$ LANGUAGE plpgsql;

-- Bumps the table version (optimistic check on VersionArg) and inserts the
-- silo row in one step; either both happen (returns 1) or neither (returns 0).
CREATE OR REPLACE FUNCTION insert_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    SiloNameArg     varchar,
    HostNameArg     varchar,
    StatusArg       integer,
    ProxyPortArg    integer,
    StartTimeArg    timestamptz,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
  RETURNS TABLE(row_count integer) AS
$$
DECLARE
    RowCountVar int := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Timestamp = now(),
            Version = Version + 1
        WHERE DeploymentId = DeploymentIdArg AND DeploymentIdArg IS NOT NULL
          AND Version = VersionArg AND VersionArg IS NOT NULL
          AND Version < 2147483647;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;

        INSERT INTO OrleansMembershipTable
        (
            DeploymentId, Address, Port, Generation, SiloName, HostName,
            Status, ProxyPort, StartTime, IAmAliveTime
        )
        SELECT
            DeploymentIdArg, AddressArg, PortArg, GenerationArg, SiloNameArg, HostNameArg,
            StatusArg, ProxyPortArg, StartTimeArg, IAmAliveTimeArg
        WHERE RowCountVar > 0
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;

        IF RowCountVar = 0 THEN
            RAISE EXCEPTION 'no rows affected, rollback' USING ERRCODE = 'assert_failure';
        END IF;

        RETURN QUERY SELECT RowCountVar;
    EXCEPTION
        WHEN assert_failure THEN
            RETURN QUERY SELECT RowCountVar;
    END;
END
$$ LANGUAGE plpgsql;

-- Bumps the table version (optimistic check on VersionArg) and updates the
-- silo row in one step; returns 1 on success, 0 otherwise (nothing changed).
CREATE OR REPLACE FUNCTION update_membership(
    DeploymentIdArg varchar,
    AddressArg      varchar,
    PortArg         integer,
    GenerationArg   integer,
    StatusArg       integer,
    SuspectTimesArg varchar,
    IAmAliveTimeArg timestamptz,
    VersionArg      integer)
  RETURNS TABLE(row_count integer) AS
$$
DECLARE
    RowCountVar int := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Timestamp = now(),
            Version = Version + 1
        WHERE DeploymentId = DeploymentIdArg AND DeploymentIdArg IS NOT NULL
          AND Version = VersionArg AND VersionArg IS NOT NULL
          AND Version < 2147483647;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;

        UPDATE OrleansMembershipTable
        SET Status = StatusArg,
            SuspectTimes = SuspectTimesArg,
            IAmAliveTime = GREATEST(IAmAliveTime, IAmAliveTimeArg)
        WHERE DeploymentId = DeploymentIdArg AND DeploymentIdArg IS NOT NULL
          AND Address = AddressArg AND AddressArg IS NOT NULL
          AND Port = PortArg AND PortArg IS NOT NULL
          AND Generation = GenerationArg AND GenerationArg IS NOT NULL
          AND RowCountVar > 0;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;

        IF RowCountVar = 0 THEN
            RAISE EXCEPTION 'no rows affected, rollback' USING ERRCODE = 'assert_failure';
        END IF;

        RETURN QUERY SELECT RowCountVar;
    EXCEPTION
        WHEN assert_failure THEN
            RETURN QUERY SELECT RowCountVar;
    END;
END
$$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'UpdateIAmAlivetimeKey', '
    SELECT * FROM update_i_am_alive_time(
        @DeploymentId,
        @Address,
        @Port,
        @Generation,
        @IAmAliveTime
    );'
),
(
    'InsertMembershipVersionKey', '
    SELECT * FROM insert_membership_version(
        @DeploymentId
    );'
),
(
    'InsertMembershipKey', '
    SELECT * FROM insert_membership(
        @DeploymentId,
        @Address,
        @Port,
        @Generation,
        @SiloName,
        @HostName,
        @Status,
        @ProxyPort,
        @StartTime,
        @IAmAliveTime,
        @Version
    );'
),
(
    'UpdateMembershipKey', '
    SELECT * FROM update_membership(
        @DeploymentId,
        @Address,
        @Port,
        @Generation,
        @Status,
        @SuspectTimes,
        @IAmAliveTime,
        @Version
    );'
),
(
    'MembershipReadRowKey', '
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON v.DeploymentId = m.DeploymentId
        AND m.Address = @Address AND @Address IS NOT NULL
        AND m.Port = @Port AND @Port IS NOT NULL
        AND m.Generation = @Generation AND @Generation IS NOT NULL
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;'
),
(
    'MembershipReadAllKey', '
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON v.DeploymentId = m.DeploymentId
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;'
),
(
    'DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;'
),
(
    'GatewaysQueryKey', '
    SELECT
        Address,
        ProxyPort,
        Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Status = @Status AND @Status IS NOT NULL
      AND ProxyPort > 0;'
),
(
    -- Bulk fallback: drops Dead (6) rows that have been silent since before the cutoff.
    'CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '''') = '''';'
),
(
    -- Preferred by the provider when present: deletes one Dead (6) row only if
    -- the values it captured from MembershipReadAll are still current.
    'CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Status = 6
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation
      AND StartTime = @StartTime
      AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;


-- ---------------------------------------------------------------------------
-- Grain persistence
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString text         NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage USING btree (GrainIdHash, GrainTypeHash);

-- Optimistic write. With a NULL version the state was never read, so insert
-- version 1 unless a row already exists; otherwise update only if the stored
-- version still matches. Returns the new version, or the unchanged/NULL
-- version when nothing was written (the provider then reports a conflict).
CREATE OR REPLACE FUNCTION writetostorage(
    _grainidhash            integer,
    _grainidn0              bigint,
    _grainidn1              bigint,
    _graintypehash          integer,
    _graintypestring        character varying,
    _grainidextensionstring character varying,
    _serviceid              character varying,
    _grainstateversion      integer,
    _payloadbinary          bytea)
  RETURNS TABLE(newgrainstateversion integer) AS
$$
DECLARE
    _newGrainStateVersion integer := _grainstateversion;
    RowCountVar integer := 0;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = _payloadbinary,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE GrainIdHash = _grainidhash AND _grainidhash IS NOT NULL
          AND GrainTypeHash = _graintypehash AND _graintypehash IS NOT NULL
          AND GrainIdN0 = _grainidn0 AND _grainidn0 IS NOT NULL
          AND GrainIdN1 = _grainidn1 AND _grainidn1 IS NOT NULL
          AND GrainTypeString = _graintypestring AND _graintypestring IS NOT NULL
          AND ((_grainidextensionstring IS NOT NULL AND GrainIdExtensionString IS NOT NULL
                AND GrainIdExtensionString = _grainidextensionstring)
               OR (_grainidextensionstring IS NULL AND GrainIdExtensionString IS NULL))
          AND ServiceId = _serviceid AND _serviceid IS NOT NULL
          AND Version IS NOT NULL AND Version = _grainstateversion;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;
        IF RowCountVar > 0 THEN
            _newGrainStateVersion := _grainstateversion + 1;
        END IF;
    ELSE
        INSERT INTO OrleansStorage
        (
            GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version
        )
        SELECT
            _grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
            _grainidextensionstring, _serviceid, _payloadbinary, now(), 1
        WHERE NOT EXISTS
        (
            SELECT 1
            FROM OrleansStorage
            WHERE GrainIdHash = _grainidhash AND _grainidhash IS NOT NULL
              AND GrainTypeHash = _graintypehash AND _graintypehash IS NOT NULL
              AND GrainIdN0 = _grainidn0 AND _grainidn0 IS NOT NULL
              AND GrainIdN1 = _grainidn1 AND _grainidn1 IS NOT NULL
              AND GrainTypeString = _graintypestring AND _graintypestring IS NOT NULL
              AND ((_grainidextensionstring IS NOT NULL AND GrainIdExtensionString IS NOT NULL
                    AND GrainIdExtensionString = _grainidextensionstring)
                   OR (_grainidextensionstring IS NULL AND GrainIdExtensionString IS NULL))
              AND ServiceId = _serviceid AND _serviceid IS NOT NULL
        );

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;
        IF RowCountVar > 0 THEN
            _newGrainStateVersion := 1;
        END IF;
    END IF;

    RETURN QUERY SELECT _newGrainStateVersion;
END
$$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'WriteToStorageKey', '
    SELECT * FROM writetostorage(
        @GrainIdHash,
        @GrainIdN0,
        @GrainIdN1,
        @GrainTypeHash,
        @GrainTypeString,
        @GrainIdExtensionString,
        @ServiceId,
        @GrainStateVersion,
        @PayloadBinary
    );'
),
(
    'ReadFromStorageKey', '
    SELECT
        PayloadBinary,
        now() AS ReadTimeUtc,
        Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
      AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
      AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
      AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
      AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
      AND ((@GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL
            AND GrainIdExtensionString = @GrainIdExtensionString)
           OR (@GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL))
      AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL;'
),
(
    -- Keeps the row, drops the payload and bumps the version.
    'ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
      AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
      AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
      AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
      AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
      AND ((@GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL
            AND GrainIdExtensionString = @GrainIdExtensionString)
           OR (@GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL))
      AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version AS NewGrainStateVersion;'
),
(
    -- Used instead of ClearStorageKey when DeleteStateOnClear = true.
    'DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
      AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
      AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
      AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
      AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
      AND ((@GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL
            AND GrainIdExtensionString = @GrainIdExtensionString)
           OR (@GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL))
      AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version + 1 AS NewGrainStateVersion;'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;


-- ---------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Insert or overwrite a reminder; returns the new row version (etag).
CREATE OR REPLACE FUNCTION upsert_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    StartTimeArg    timestamptz,
    PeriodArg       bigint,
    GrainHashArg    integer)
  RETURNS TABLE(version integer) AS
$$
DECLARE
    VersionVar int := 0;
BEGIN
    INSERT INTO OrleansRemindersTable AS r
    (
        ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version
    )
    SELECT
        ServiceIdArg, GrainIdArg, ReminderNameArg, StartTimeArg, PeriodArg, GrainHashArg, 0
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = excluded.StartTime,
            Period = excluded.Period,
            GrainHash = excluded.GrainHash,
            Version = r.Version + 1
    RETURNING r.Version INTO STRICT VersionVar;

    RETURN QUERY SELECT VersionVar;
END
$$ LANGUAGE plpgsql;

-- Deletes a reminder if its version still matches; returns rows deleted (0/1).
CREATE OR REPLACE FUNCTION delete_reminder_row(
    ServiceIdArg    varchar,
    GrainIdArg      varchar,
    ReminderNameArg varchar,
    VersionArg      integer)
  RETURNS TABLE(row_count integer) AS
$$
DECLARE
    RowCountVar int := 0;
BEGIN
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = ServiceIdArg AND ServiceIdArg IS NOT NULL
      AND GrainId = GrainIdArg AND GrainIdArg IS NOT NULL
      AND ReminderName = ReminderNameArg AND ReminderNameArg IS NOT NULL
      AND Version = VersionArg AND VersionArg IS NOT NULL;

    GET DIAGNOSTICS RowCountVar = ROW_COUNT;

    RETURN QUERY SELECT RowCountVar;
END
$$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    -- @Period arrives as int or bigint depending on its size.
    'UpsertReminderRowKey', '
    SELECT * FROM upsert_reminder_row(
        @ServiceId,
        @GrainId,
        @ReminderName,
        @StartTime,
        @Period::bigint,
        @GrainHash
    );'
),
(
    'ReadReminderRowsKey', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND GrainId = @GrainId AND @GrainId IS NOT NULL;'
),
(
    'ReadReminderRowKey', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND GrainId = @GrainId AND @GrainId IS NOT NULL
      AND ReminderName = @ReminderName AND @ReminderName IS NOT NULL;'
),
(
    -- Non-wrapping hash range (BeginHash < EndHash as signed ints): (begin, end].
    'ReadRangeRows1Key', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND GrainHash > @BeginHash AND @BeginHash IS NOT NULL
      AND GrainHash <= @EndHash AND @EndHash IS NOT NULL;'
),
(
    -- Wrapping hash range: above begin or at/below end.
    'ReadRangeRows2Key', '
    SELECT
        GrainId,
        ReminderName,
        StartTime,
        Period,
        Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
      AND ((GrainHash > @BeginHash AND @BeginHash IS NOT NULL)
           OR (GrainHash <= @EndHash AND @EndHash IS NOT NULL));'
),
(
    'DeleteReminderRowKey', '
    SELECT * FROM delete_reminder_row(
        @ServiceId,
        @GrainId,
        @ReminderName,
        @Version
    );'
),
(
    'DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL;'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
