using Leadline.Grains.Campaigns;
using Leadline.Grains.Storage;
using Npgsql;

namespace Leadline.Grains.Hopper;

/// <summary>A lead the loader may put into the hopper, with the region whose calling hours decide whether it may now.</summary>
public readonly record struct LoaderCandidate(long LeadId, string? Region);

/// <summary>
/// The loader's SQL: which leads of a campaign go into its hopper next. A lead qualifies when it is in one of the
/// campaign's active, unarchived lists, not deleted, not on DNC, not in the hopper (READY or leased), and either
/// fresh (never dialed) with a dialable status, or dialed with a status that is dialable and recycles, longer ago
/// than its delay. Calling hours are the caller's to judge (they are code, not data); it names the regions it knows
/// to be closed, so the walk skips them without sending their leads back.
/// <para>
/// Each list is walked on the index made for it (0012: fresh leads by (list, created_at, lead_id); dialed ones by
/// (list, status, last_dialed_at)) and stops after <c>limit</c> rows, so a refill reads about as many leads as it
/// loads, however many the campaign holds. The plan is pinned to those walks and per-row probes (<see cref="ProbePlan"/>).
/// </para>
/// </summary>
public sealed class HopperLoaderStore(NpgsqlDataSource db)
{
    /// <summary>The campaign's lists the loader loads from, in list order.</summary>
    public async Task<long[]> ListsAsync(long campaignId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "SELECT list_id FROM lists WHERE campaign_id = $1 AND NOT archived AND active ORDER BY list_id");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        var lists = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            lists.Add(reader.GetInt64(0));
        return [.. lists];
    }

    /// <summary>Up to <paramref name="limit"/> qualifying leads in the campaign's lead order, none of <paramref name="closedRegions"/>.</summary>
    public async Task<List<LoaderCandidate>> CandidatesAsync(
        long campaignId, long[] lists, CampaignDialSettings settings, IReadOnlyCollection<string?> closedRegions,
        DateTimeOffset now, int limit, CancellationToken ct)
    {
        var (inner, outer) = settings.LeadOrder switch
        {
            LeadOrder.NewestFirst => ("l.created_at DESC, l.lead_id DESC", "created_at DESC, lead_id DESC"),
            LeadOrder.ByList => ("l.created_at, l.lead_id", "pos, created_at, lead_id"),
            _ => ("l.created_at, l.lead_id", "created_at, lead_id"),
        };
        var recycling = settings.RecycleMinutes.Where(r => settings.DialableStatuses.Contains(r.Key)).ToList();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(ProbePlan.Command());
        var cmd = new NpgsqlBatchCommand(
            $"""
            WITH li AS (SELECT list_id, pos FROM unnest($2::bigint[]) WITH ORDINALITY AS t(list_id, pos)),
            fresh AS (
                SELECT c.* FROM li CROSS JOIN LATERAL (
                    SELECT l.lead_id, l.created_at, li.pos, l.dial_region FROM leads l
                    WHERE l.list_id = li.list_id AND l.deleted_at IS NULL AND l.last_dialed_at IS NULL
                      AND l.campaign_id = $1 AND upper(coalesce(l.status, 'NEW')) = ANY($3)
                      AND coalesce(l.dial_region, '') <> ALL($4)
                      AND NOT EXISTS (SELECT 1 FROM hopper_entries h WHERE h.campaign_id = $1 AND h.lead_id = l.lead_id)
                      AND NOT EXISTS (SELECT 1 FROM dnc d WHERE d.account_id = l.account_id AND d.phone_e164 = l.phone_e164
                                                            AND d.campaign_id IN (0, $1))
                    ORDER BY {inner} LIMIT $5) c),
            recycled AS (
                SELECT c.* FROM li CROSS JOIN unnest($6::text[], $7::int[]) AS r(status, minutes) CROSS JOIN LATERAL (
                    SELECT l.lead_id, l.created_at, li.pos, l.dial_region FROM leads l
                    WHERE l.list_id = li.list_id AND upper(coalesce(l.status, 'NEW')) = r.status
                      AND l.deleted_at IS NULL AND l.last_dialed_at IS NOT NULL
                      AND l.last_dialed_at <= $8 - make_interval(mins => r.minutes)
                      AND l.campaign_id = $1 AND coalesce(l.dial_region, '') <> ALL($4)
                      AND NOT EXISTS (SELECT 1 FROM hopper_entries h WHERE h.campaign_id = $1 AND h.lead_id = l.lead_id)
                      AND NOT EXISTS (SELECT 1 FROM dnc d WHERE d.account_id = l.account_id AND d.phone_e164 = l.phone_e164
                                                            AND d.campaign_id IN (0, $1))
                    ORDER BY l.last_dialed_at LIMIT $5) c)
            SELECT lead_id, dial_region FROM (SELECT * FROM fresh UNION ALL SELECT * FROM recycled) x
            ORDER BY {outer} LIMIT $5
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = lists });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = settings.DialableStatuses });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = closedRegions.Select(DialRegionColumn.ToDb).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = recycling.Select(r => r.Key).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = recycling.Select(r => r.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        batch.BatchCommands.Add(cmd);
        var candidates = new List<LoaderCandidate>(limit);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct); // past the set_config row
            while (await reader.ReadAsync(ct))
                candidates.Add(new LoaderCandidate(reader.GetInt64(0), DialRegionColumn.FromDb(reader, 1)));
        }
        await tx.CommitAsync(ct);
        return candidates;
    }

    /// <summary>
    /// Adds READY rows for these entries in one statement; a lead that has a row already (added meanwhile by an
    /// insert with hopper=1) keeps it. Returns the lead ids it added.
    /// </summary>
    public async Task<HashSet<long>> AddAsync(long campaignId, IReadOnlyList<HopperEntry> entries, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            INSERT INTO hopper_entries (campaign_id, lead_id, priority, inserted_at, dial_region)
            SELECT $1, l, p, i, r FROM unnest($2::bigint[], $3::smallint[], $4::timestamptz[], $5::text[]) AS t(l, p, i, r)
            ON CONFLICT (campaign_id, lead_id) DO NOTHING
            RETURNING lead_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.LeadId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = entries.Select(e => (short)e.Priority).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = entries.Select(e => e.InsertedAt).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => DialRegionColumn.ToDb(e.Region)).ToArray() });
        var added = new HashSet<long>(entries.Count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            added.Add(reader.GetInt64(0));
        return added;
    }
}
