using Npgsql;

namespace Leadline.ApiHost.Admin.Campaigns;

public sealed record CampaignRow(long CampaignId, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public long ListCount { get; init; }
    public long LeadCount { get; init; }
}

public sealed record CampaignFilter(long? CampaignId, string? Name, string? Status);

/// <summary>The campaigns table as the admin API reads and changes it; every statement is scoped to the account.</summary>
public sealed class CampaignStore(NpgsqlDataSource db)
{
    private const string Columns = "campaign_id, name, status, created_at, modified_at";

    private const string Where =
        """
        WHERE account_id = $1 AND ($2::bigint IS NULL OR campaign_id = $2)
          AND ($3::text IS NULL OR strpos(lower(name), lower($3)) > 0) AND ($4::text IS NULL OR status = $4)
        """;

    public Task<CampaignRow?> CreateAsync(long accountId, string name, string status) => AdminSql.FirstAsync(db,
        $"INSERT INTO campaigns (account_id, name, status) VALUES ($1, $2, $3) RETURNING {Columns}", Read, accountId, name, status);

    /// <summary>Read from the table, not a cache: an admin change must see the campaign as it is now.</summary>
    public Task<CampaignRow?> FindAsync(long accountId, long campaignId) => AdminSql.FirstAsync(db,
        $"SELECT {Columns} FROM campaigns WHERE account_id = $1 AND campaign_id = $2", Read, accountId, campaignId);

    /// <summary>Null values keep what the campaign has.</summary>
    public Task<CampaignRow?> UpdateAsync(long accountId, long campaignId, string? name, string? status) => AdminSql.FirstAsync(db,
        $"""
        UPDATE campaigns SET name = coalesce($3, name), status = coalesce($4, status), modified_at = now()
        WHERE account_id = $1 AND campaign_id = $2 RETURNING {Columns}
        """, Read, accountId, campaignId, name, status);

    public async Task<(long Total, List<CampaignRow> Rows)> SearchAsync(long accountId, CampaignFilter filter, Page page)
    {
        var (total, rows) = await AdminSql.PageAsync(db, Columns, $"FROM campaigns {Where}", "campaign_id", page, Read,
            accountId, filter.CampaignId, filter.Name, filter.Status);
        if (rows.Count == 0)
            return (total, rows);
        var ids = rows.Select(r => r.CampaignId).ToArray();
        var lists = await AdminSql.CountsAsync(db,
            "SELECT campaign_id, count(*) FROM lists WHERE account_id = $1 AND campaign_id = ANY($2) GROUP BY campaign_id", accountId, ids);
        var leads = await AdminSql.CountsAsync(db,
            // Through the lists: leads have no campaign index (0006), and a list belongs to one campaign.
            """
            SELECT li.campaign_id, count(*) FROM lists li
            JOIN leads l ON l.account_id = li.account_id AND l.list_id = li.list_id AND l.deleted_at IS NULL
            WHERE li.account_id = $1 AND li.campaign_id = ANY($2) GROUP BY li.campaign_id
            """,
            accountId, ids);
        return (total, rows.Select(r => r with
        {
            ListCount = lists.GetValueOrDefault(r.CampaignId),
            LeadCount = leads.GetValueOrDefault(r.CampaignId),
        }).ToList());
    }

    private static CampaignRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4));
}
