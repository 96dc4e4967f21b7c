using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

public sealed record CampaignRow(long CampaignId, string Name, string Status, long Lists, long Leads, DateTimeOffset CreatedAt);

public sealed record ListRow(long ListId, string Name, long CampaignId, string CampaignName, bool Archived, long Leads, DateTimeOffset CreatedAt);

public sealed record CustomFieldRow(string Name, string Label, int MaxLength);

public sealed record DncRow(long DncId, long CampaignId, string PhoneE164, int PhoneCode, string PhoneNumber, string? Reason, DateTimeOffset CreatedAt);

/// <summary>
/// Read-only views of an account's campaigns, lists, custom fields and DNC entries. Lead counts scan the
/// account's leads (the table has no per-list index yet): fine for phase 1, to be replaced by counters.
/// </summary>
public sealed class AccountQueries(NpgsqlDataSource db)
{
    public const int DncShown = 100;

    public Task<List<CampaignRow>> CampaignsAsync(long accountId) => DbRows.ListAsync(db,
        """
        SELECT c.campaign_id, c.name, c.status,
               (SELECT count(*) FROM lists l WHERE l.campaign_id = c.campaign_id),
               coalesce(n.leads, 0), c.created_at
        FROM campaigns c
        LEFT JOIN (SELECT campaign_id, count(*) AS leads FROM leads
                   WHERE account_id = $1 AND deleted_at IS NULL GROUP BY campaign_id) n ON n.campaign_id = c.campaign_id
        WHERE c.account_id = $1
        ORDER BY c.campaign_id
        """,
        r => new CampaignRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetFieldValue<DateTimeOffset>(5)),
        accountId);

    public Task<List<ListRow>> ListsAsync(long accountId) => DbRows.ListAsync(db,
        """
        SELECT l.list_id, l.name, l.campaign_id, c.name, l.archived, coalesce(n.leads, 0), l.created_at
        FROM lists l
        JOIN campaigns c ON c.campaign_id = l.campaign_id
        LEFT JOIN (SELECT list_id, count(*) AS leads FROM leads
                   WHERE account_id = $1 AND deleted_at IS NULL GROUP BY list_id) n ON n.list_id = l.list_id
        WHERE l.account_id = $1
        ORDER BY l.list_id
        """,
        r => new ListRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetBoolean(4), r.GetInt64(5), r.GetFieldValue<DateTimeOffset>(6)),
        accountId);

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

    public Task<List<DncRow>> DncAsync(long accountId) => DbRows.ListAsync(db,
        $"""
        SELECT dnc_id, campaign_id, phone_e164, phone_code, phone_number, reason, created_at
        FROM dnc WHERE account_id = $1 ORDER BY dnc_id DESC LIMIT {DncShown}
        """,
        r => new DncRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.Text(5), r.GetFieldValue<DateTimeOffset>(6)),
        accountId);
}
