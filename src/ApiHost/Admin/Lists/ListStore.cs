using Npgsql;

namespace Leadline.ApiHost.Admin.Lists;

/// <summary>
/// A list as the admin API and the dashboard show it. <see cref="Active"/> is Convoso's status (Y/N), separate
/// from Leadline's <see cref="Archived"/>: it is stored and shown, nothing else reads it yet (see docs/api-admin.md).
/// </summary>
public sealed record ListRow(long ListId, string Name, long CampaignId, bool Archived, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt,
    bool Active = true, string? Description = null)
{
    public long LeadCount { get; init; }
}

public sealed record ListFilter(long? ListId, long? CampaignId, string? Name, bool? Archived, bool? Active = null);

/// <summary>What a list update changes; null keeps what the list has.</summary>
public sealed record ListUpdate(string? Name = null, long? CampaignId = null, string? Description = null, bool? Active = null)
{
    public bool IsEmpty => Name is null && CampaignId is null && Description is null && Active is null;
}

/// <summary>The lists table as the admin API reads and changes it; every statement is scoped to the account.</summary>
public sealed class ListStore(NpgsqlDataSource db)
{
    private const string Columns = "list_id, name, campaign_id, archived, created_at, modified_at, active, description";

    private const string Where =
        """
        WHERE account_id = $1 AND ($2::bigint IS NULL OR list_id = $2) AND ($3::bigint IS NULL OR campaign_id = $3)
          AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0) AND ($5::boolean IS NULL OR archived = $5)
          AND ($6::boolean IS NULL OR active = $6)
        """;

    public Task<ListRow?> CreateAsync(long accountId, long campaignId, string name, string? description = null, bool active = true) =>
        AdminSql.FirstAsync(db,
            $"INSERT INTO lists (account_id, campaign_id, name, description, active) VALUES ($1, $2, $3, $4, $5) RETURNING {Columns}",
            Read, accountId, campaignId, name, description, active);

    public Task<ListRow?> FindAsync(long accountId, long listId) => AdminSql.FirstAsync(db,
        $"SELECT {Columns} FROM lists WHERE account_id = $1 AND list_id = $2", Read, accountId, listId);

    public Task<ListRow?> UpdateAsync(long accountId, long listId, ListUpdate update) => AdminSql.FirstAsync(db,
        $"""
        UPDATE lists SET name = coalesce($3, name), campaign_id = coalesce($4::bigint, campaign_id),
                         description = coalesce($5, description), active = coalesce($6::boolean, active), modified_at = now()
        WHERE account_id = $1 AND list_id = $2 RETURNING {Columns}
        """, Read, accountId, listId, update.Name, update.CampaignId, update.Description, update.Active);

    public Task<ListRow?> SetArchivedAsync(long accountId, long listId, bool archived) => AdminSql.FirstAsync(db,
        $"""
        UPDATE lists SET archived = $3, modified_at = CASE WHEN archived = $3 THEN modified_at ELSE now() END
        WHERE account_id = $1 AND list_id = $2 RETURNING {Columns}
        """, Read, accountId, listId, archived);

    public async Task<(long Total, List<ListRow> Rows)> SearchAsync(long accountId, ListFilter filter, Page page)
    {
        var (total, rows) = await AdminSql.PageAsync(db, Columns, $"FROM lists {Where}", "list_id", page, Read,
            accountId, filter.ListId, filter.CampaignId, filter.Name, filter.Archived, filter.Active);
        if (rows.Count == 0)
            return (total, rows);
        var leads = await AdminSql.CountsAsync(db,
            "SELECT list_id, count(*) FROM leads WHERE account_id = $1 AND list_id = ANY($2) AND deleted_at IS NULL GROUP BY list_id",
            accountId, rows.Select(r => r.ListId).ToArray());
        return (total, rows.Select(r => r with { LeadCount = leads.GetValueOrDefault(r.ListId) }).ToList());
    }

    /// <summary>Hopper entries of the list's leads in any campaign's hopper but <paramref name="exceptCampaignId"/>.</summary>
    public Task<List<(long CampaignId, long LeadId)>> HopperEntriesAsync(long accountId, long listId, long exceptCampaignId = 0) =>
        AdminSql.ListAsync(db,
            """
            SELECT h.campaign_id, h.lead_id FROM leads l JOIN hopper_entries h ON h.lead_id = l.lead_id
            WHERE l.account_id = $1 AND l.list_id = $2 AND h.campaign_id <> $3
            """, r => (r.GetInt64(0), r.GetInt64(1)), accountId, listId, exceptCampaignId);

    private static ListRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetBoolean(3), r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5),
        r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetString(7));
}
