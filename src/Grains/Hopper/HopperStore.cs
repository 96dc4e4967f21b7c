using Leadline.Grains.Storage;
using Npgsql;

namespace Leadline.Grains.Hopper;

/// <summary>A loaded hopper_entries row with its lease, if any.</summary>
public readonly record struct StoredHopperEntry(HopperEntry Entry, Guid? LeaseId, string? Dialer, DateTimeOffset? LeasedUntil);

/// <summary>
/// One entry to lease: the lead, the lease id it gets, which pull of the batch (1-based) it is for, the region the
/// hopper queued it under, and its number's attempt cap (null = none).
/// </summary>
public readonly record struct LeaseWanted(long LeadId, Guid LeaseId, int Pull, string? Region = null, int? AttemptCap = null);

/// <summary>
/// What became of a chosen entry: leased (<see cref="Lead"/>), left waiting because its number is capped until
/// <see cref="CappedUntil"/>, or left to be queued again under the region its lead has now (<see cref="Moved"/>).
/// </summary>
public readonly record struct LeaseAnswer(long LeadId, HopperLead? Lead, DateTimeOffset? CappedUntil, bool Moved, string? MovedTo);

/// <summary>The hopper_entries SQL of one campaign's hopper. Every change is written before it is served.</summary>
public sealed class HopperStore(NpgsqlDataSource db)
{
    private const string LeadColumns =
        "l.lead_id, l.list_id, l.phone_e164, l.phone_code, l.phone_number, l.first_name, l.last_name";

    /// <summary>The campaign's rows only: the lead's details are read when it is leased, not kept in memory.</summary>
    public async Task<List<StoredHopperEntry>> LoadAsync(long campaignId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT lead_id, priority, inserted_at, expires_at, lease_id, leased_to, lease_until, dial_region
            FROM hopper_entries WHERE campaign_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        var entries = new List<StoredHopperEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entry = new HopperEntry(reader.GetInt64(0), reader.GetInt16(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), DialRegionColumn.FromDb(reader, 7));
            entries.Add(new StoredHopperEntry(entry,
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return entries;
    }

    /// <summary>
    /// Leases, in one statement and one commit, the entries several pulls chose, and only those whose leads may be
    /// dialed now: not deleted, not in an archived list, not on the account's or the campaign's DNC, and still in
    /// this campaign (its list may have moved) — checked at every pull, so a change elsewhere takes effect at once.
    /// Two more checks leave the entry in the hopper instead: its lead's region is not the one the hopper queued it
    /// under (the lead's state or phone changed since: <see cref="LeaseAnswer.MovedTo"/>), or its number reached
    /// its attempt cap for the rolling 24 hours (<see cref="LeaseAnswer.CappedUntil"/>: when the cap-th newest attempt
    /// is 24 hours old). A chosen lead it does not answer for was not leased (refused, or its row is gone), and the
    /// caller deletes its row.
    /// <para>
    /// The plan is fixed to primary-key probes per chosen lead (<see cref="ProbePlan"/>); the LATERAL … OFFSET 0
    /// subqueries keep the probes per lead (not flattened into a join).
    /// </para>
    /// </summary>
    public async Task<List<LeaseAnswer>> LeaseAsync(
        long campaignId, IReadOnlyList<LeaseWanted> wanted, string[] dialers, DateTimeOffset[] until, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(ProbePlan.Command());
        var lease = new NpgsqlBatchCommand(
            """
            WITH ok AS MATERIALIZED (
                SELECT w.lead_id, w.lease_id, w.pull, l.list_id, l.phone_e164, l.phone_code, l.phone_number, l.first_name, l.last_name,
                       w.region, coalesce(l.dial_region, '') AS lead_region,
                       CASE WHEN w.cap > 0 THEN (
                           SELECT a.attempted_at FROM dial_attempts a
                           WHERE a.account_id = l.account_id AND a.phone_e164 = l.phone_e164 AND a.attempted_at > $7 - interval '24 hours'
                           ORDER BY a.attempted_at DESC OFFSET w.cap - 1 LIMIT 1) + interval '24 hours' END AS capped_until
                FROM unnest($2::bigint[], $3::uuid[], $4::int[], $8::text[], $9::int[]) AS w(lead_id, lease_id, pull, region, cap)
                CROSS JOIN LATERAL (SELECT * FROM leads WHERE leads.lead_id = w.lead_id OFFSET 0) l
                CROSS JOIN LATERAL (SELECT archived FROM lists WHERE lists.list_id = l.list_id OFFSET 0) li
                WHERE l.campaign_id = $1 AND l.deleted_at IS NULL AND NOT li.archived
                  AND NOT EXISTS (SELECT 1 FROM dnc d WHERE d.account_id = l.account_id AND d.phone_e164 = l.phone_e164
                                                        AND d.campaign_id IN (0, $1))),
            leased AS (
                UPDATE hopper_entries h
                SET state = 'LEASED', lease_id = ok.lease_id, leased_to = ($5::text[])[ok.pull], lease_until = ($6::timestamptz[])[ok.pull]
                FROM ok
                WHERE h.campaign_id = $1 AND h.lead_id = ok.lead_id AND ok.lead_region = ok.region AND ok.capped_until IS NULL
                RETURNING ok.lead_id, ok.list_id, ok.phone_e164, ok.phone_code, ok.phone_number, ok.first_name, ok.last_name,
                          NULL::timestamptz AS capped_until, NULL::text AS moved_to)
            SELECT * FROM leased
            UNION ALL
            SELECT ok.lead_id, ok.list_id, ok.phone_e164, ok.phone_code, ok.phone_number, ok.first_name, ok.last_name,
                   CASE WHEN ok.lead_region = ok.region THEN ok.capped_until END, CASE WHEN ok.lead_region <> ok.region THEN ok.lead_region END
            FROM ok WHERE ok.lead_region <> ok.region OR ok.capped_until IS NOT NULL
            """);
        lease.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        lease.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = wanted.Select(w => w.LeadId).ToArray() });
        lease.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = wanted.Select(w => w.LeaseId).ToArray() });
        lease.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = wanted.Select(w => w.Pull).ToArray() });
        lease.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = dialers });
        lease.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = until });
        lease.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        lease.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = wanted.Select(w => DialRegionColumn.ToDb(w.Region)).ToArray() });
        lease.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = wanted.Select(w => w.AttemptCap ?? 0).ToArray() });
        batch.BatchCommands.Add(lease);

        var answers = new List<LeaseAnswer>(wanted.Count);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct); // past the set_config row
            while (await reader.ReadAsync(ct))
            {
                if (!reader.IsDBNull(7))
                    answers.Add(new LeaseAnswer(reader.GetInt64(0), null, reader.GetFieldValue<DateTimeOffset>(7), false, null));
                else if (!reader.IsDBNull(8))
                    answers.Add(new LeaseAnswer(reader.GetInt64(0), null, null, true, DialRegionColumn.FromDb(reader, 8)));
                else
                    answers.Add(new LeaseAnswer(reader.GetInt64(0), ReadLead(reader), null, false, null));
            }
        }
        await tx.CommitAsync(ct);
        return answers;
    }

    /// <summary>Of these leads, the ones that may be dialed now (as <see cref="LeaseAsync"/> checks them).</summary>
    public async Task<HashSet<long>> DialableAsync(long campaignId, long[] leadIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            WITH l AS MATERIALIZED (
                SELECT lead_id, account_id, list_id, campaign_id, phone_e164, deleted_at FROM leads WHERE lead_id = ANY($1))
            SELECT l.lead_id
            FROM l JOIN lists li ON li.list_id = l.list_id
            WHERE l.campaign_id = $2 AND l.deleted_at IS NULL AND NOT li.archived
              AND NOT EXISTS (SELECT 1 FROM dnc d WHERE d.account_id = l.account_id AND d.phone_e164 = l.phone_e164
                                                    AND d.campaign_id IN (0, $2))
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = leadIds });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        var dialable = new HashSet<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            dialable.Add(reader.GetInt64(0));
        return dialable;
    }

    public Task ReleaseAsync(long campaignId, long[] leadIds, CancellationToken ct) => ExecuteAsync(
        """
        UPDATE hopper_entries SET state = 'READY', lease_id = NULL, leased_to = NULL, lease_until = NULL
        WHERE campaign_id = $1 AND lead_id = ANY($2)
        """, campaignId, leadIds, ct);

    /// <summary>
    /// Dialed entries leave, in one statement: their leads are marked dialed (the loader loads them again only
    /// after their status's recycle delay), get the status when one is given, and each counts one attempt on
    /// its number (the rolling 24-hour caps).
    /// </summary>
    public async Task AckAsync(long campaignId, long[] leadIds, string? leadStatus, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            WITH gone AS (DELETE FROM hopper_entries WHERE campaign_id = $1 AND lead_id = ANY($2) RETURNING lead_id),
            dialed AS (
                UPDATE leads l SET last_dialed_at = $4, status = coalesce($3, l.status),
                                   modified_at = CASE WHEN $3::text IS NULL THEN l.modified_at ELSE now() END
                FROM gone WHERE l.lead_id = gone.lead_id
                RETURNING l.account_id, l.phone_e164, l.lead_id)
            INSERT INTO dial_attempts (account_id, phone_e164, attempted_at, campaign_id, lead_id)
            SELECT account_id, phone_e164, $4, $1, lead_id FROM dialed
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = leadIds });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)leadStatus ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Returns how many rows it removed.</summary>
    public Task<int> DeleteAsync(long campaignId, long[] leadIds, CancellationToken ct) =>
        ExecuteAsync("DELETE FROM hopper_entries WHERE campaign_id = $1 AND lead_id = ANY($2)", campaignId, leadIds, ct);

    /// <summary>How many rows, and the sum of their lead ids: a cheap fingerprint of the campaign's rows.</summary>
    public async Task<(long Count, decimal LeadIdSum)> FingerprintAsync(long campaignId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*), coalesce(sum(lead_id), 0) FROM hopper_entries WHERE campaign_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }

    /// <summary>Adds or re-prioritizes a READY entry (a leased one is left to its dialer); returns the entry with its lead's region.</summary>
    public async Task<HopperEntry> UpsertAsync(long campaignId, HopperEntry entry, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO hopper_entries (campaign_id, lead_id, priority, inserted_at, expires_at, dial_region)
            VALUES ($1, $2, $3, $4, $5, (SELECT dial_region FROM leads WHERE lead_id = $2))
            ON CONFLICT (campaign_id, lead_id) DO UPDATE
            SET priority = EXCLUDED.priority, inserted_at = EXCLUDED.inserted_at, expires_at = EXCLUDED.expires_at,
                dial_region = EXCLUDED.dial_region
            WHERE hopper_entries.state = 'READY'
            RETURNING dial_region
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.LeadId });
        cmd.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)entry.Priority });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.InsertedAt });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.ExpiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? entry with { Region = DialRegionColumn.FromDb(reader, 0) } : entry;
    }

    /// <summary>The regions hopper_entries holds for these leads (for commit notices that did not know them).</summary>
    public async Task<Dictionary<long, string?>> RegionsAsync(long campaignId, long[] leadIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT lead_id, dial_region FROM hopper_entries WHERE campaign_id = $1 AND lead_id = ANY($2)");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = leadIds });
        var regions = new Dictionary<long, string?>(leadIds.Length);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            regions[reader.GetInt64(0)] = DialRegionColumn.FromDb(reader, 1);
        return regions;
    }

    /// <summary>
    /// Removes the expired entries and records one HOPPER_EXPIRE event per removed row, in one statement:
    /// the outbox row exists exactly when the entry is gone, and a repeated sweep removes (and records)
    /// nothing twice. Returns the lead ids it removed.
    /// </summary>
    public async Task<List<long>> ExpireAsync(long campaignId, long[] leadIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            WITH gone AS (
                DELETE FROM hopper_entries
                WHERE campaign_id = $1 AND lead_id = ANY($2) AND expires_at <= $3
                RETURNING lead_id, priority, inserted_at, expires_at)
            INSERT INTO workflow_events (account_id, event_type, campaign_id, lead_id, payload)
            SELECT c.account_id, 'HOPPER_EXPIRE', $1, g.lead_id,
                   jsonb_build_object('priority', g.priority, 'inserted_at', g.inserted_at, 'expires_at', g.expires_at)
            FROM gone g JOIN campaigns c ON c.campaign_id = $1
            RETURNING lead_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = leadIds });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var removed = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            removed.Add(reader.GetInt64(0));
        return removed;
    }

    /// <summary>A lead of this campaign as the hopper shows it, or null when there is no such lead.</summary>
    public async Task<HopperLead?> FindLeadAsync(long campaignId, long leadId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            $"SELECT {LeadColumns} FROM leads l WHERE l.lead_id = $1 AND l.campaign_id = $2 AND l.deleted_at IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leadId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadLead(reader) : null;
    }

    private static HopperLead ReadLead(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));

    private async Task<int> ExecuteAsync(string sql, long campaignId, long[] leadIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = leadIds });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
