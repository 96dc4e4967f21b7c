using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

public sealed record CampaignRow(long CampaignId, string Name, string Status, long Lists, long Leads, DateTimeOffset CreatedAt);

public sealed record ListRow(long ListId, string Name, long CampaignId, string CampaignName, bool Archived, long Leads, DateTimeOffset CreatedAt);

public sealed record CustomFieldRow(string Name, string Label, int MaxLength);

/// <summary>
/// Names and ids of an account's campaigns and lists for drop-downs (no lead counts, so no scan), and its
/// custom fields. The pages that manage campaigns and lists read the admin API's stores instead.
/// </summary>
public sealed class AccountQueries(NpgsqlDataSource db)
{
    /// <summary>Names and ids only, for drop-downs; no lead scan.</summary>
    public Task<List<ListRow>> ListNamesAsync(long accountId) => DbRows.ListAsync(db,
        """
        SELECT l.list_id, l.name, l.campaign_id, c.name, l.archived, 0::bigint, l.created_at
        FROM lists l JOIN campaigns c ON c.campaign_id = l.campaign_id
        WHERE l.account_id = $1 ORDER BY l.list_id
        """,
        r => new ListRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetBoolean(4), 0, r.GetFieldValue<DateTimeOffset>(6)),
        accountId);

    public Task<List<CampaignRow>> CampaignNamesAsync(long accountId) => DbRows.ListAsync(db,
        "SELECT campaign_id, name, status, created_at FROM campaigns WHERE account_id = $1 ORDER BY campaign_id",
        r => new CampaignRow(r.GetInt64(0), r.GetString(1), r.GetString(2), 0, 0, r.GetFieldValue<DateTimeOffset>(3)),
        accountId);

    public Task<List<CustomFieldRow>> CustomFieldsAsync(long accountId) => DbRows.ListAsync(db,
        "SELECT name, label, max_length FROM custom_field_definitions WHERE account_id = $1 ORDER BY name",
        r => new CustomFieldRow(r.GetString(0), r.GetString(1), r.GetInt32(2)),
        accountId);
}
