using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

public sealed record HopperRow(long LeadId, int Priority, DateTimeOffset InsertedAt, DateTimeOffset? ExpiresAt, string State, string? LeasedTo, DateTimeOffset? LeaseUntil);

/// <summary>
/// What the hopper grain's status does not list entry by entry: the next expiries and the current leases,
/// from hopper_entries (the grain's own table). Acked entries are deleted there, so past pulls are not kept.
/// </summary>
public sealed class HopperQueries(NpgsqlDataSource db)
{
    public const int RowsShown = 10;

    public Task<List<HopperRow>> ExpiringSoonAsync(long campaignId) => RowsAsync(campaignId,
        $"WHERE campaign_id = $1 AND expires_at IS NOT NULL ORDER BY expires_at LIMIT {RowsShown}");

    public Task<List<HopperRow>> LeasedAsync(long campaignId) => RowsAsync(campaignId,
        $"WHERE campaign_id = $1 AND state = 'LEASED' ORDER BY lease_until DESC LIMIT {RowsShown}");

    private Task<List<HopperRow>> RowsAsync(long campaignId, string where) => DbRows.ListAsync(db,
        $"SELECT lead_id, priority, inserted_at, expires_at, state, leased_to, lease_until FROM hopper_entries {where}",
        r => new HopperRow(r.GetInt64(0), r.GetInt16(1), r.GetFieldValue<DateTimeOffset>(2), r.Time(3), r.GetString(4), r.Text(5), r.Time(6)),
        campaignId);
}
