using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

public sealed record LeadDetail(IReadOnlyList<(string Name, string? Value)> Fields, HopperSlot? Hopper, IReadOnlyList<LeadEvent> Events)
{
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

public sealed record HopperSlot(long CampaignId, int Priority, DateTimeOffset InsertedAt, DateTimeOffset? ExpiresAt, string State, string? LeasedTo, DateTimeOffset? LeaseUntil);

public sealed record LeadEvent(long EventId, string EventType, DateTimeOffset CreatedAt, string Payload);

/// <summary>One lead's detail, always within the operator's account.</summary>
public sealed class LeadQueries(NpgsqlDataSource db)
{
    /// <summary>Every column of the lead (created_by as its user's name), its hopper slot and its workflow events; null when not the account's.</summary>
    public async Task<LeadDetail?> DetailAsync(long accountId, long leadId)
    {
        List<(string, string?)> fields;
        DateTimeOffset? createdAt, modifiedAt, deletedAt;
        await using (var cmd = DbRows.Command(db,
            """
            SELECT l.*, cu.display_name AS created_by_name, mu.display_name AS modified_by_name
            FROM leads l
            LEFT JOIN users cu ON cu.user_id = l.created_by
            LEFT JOIN users mu ON mu.user_id = l.modified_by
            WHERE l.account_id = $1 AND l.lead_id = $2
            """, accountId, leadId))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
                return null;
            var userNames = new Dictionary<string, string?> { ["created_by"] = reader.Text(reader.GetOrdinal("created_by_name")),
                ["modified_by"] = reader.Text(reader.GetOrdinal("modified_by_name")) };
            (createdAt, modifiedAt, deletedAt) = (reader.Time(reader.GetOrdinal("created_at")), reader.Time(reader.GetOrdinal("modified_at")),
                reader.Time(reader.GetOrdinal("deleted_at")));
            fields = [.. Enumerable.Range(0, reader.FieldCount)
                .Select(i => (Name: reader.GetName(i), Value: reader.Display(i)))
                .Where(f => f.Name is not ("account_id" or "phone_shard" or "created_by_name" or "modified_by_name"))
                .Select(f => userNames.TryGetValue(f.Name, out var user) ? (f.Name, $"{user} (user {f.Value})") : f)];
        }

        var hopper = await DbRows.ListAsync(db,
            """
            SELECT h.campaign_id, h.priority, h.inserted_at, h.expires_at, h.state, h.leased_to, h.lease_until
            FROM hopper_entries h JOIN leads l ON l.lead_id = h.lead_id AND l.campaign_id = h.campaign_id
            WHERE l.account_id = $1 AND h.lead_id = $2
            """,
            r => new HopperSlot(r.GetInt64(0), r.GetInt16(1), r.GetFieldValue<DateTimeOffset>(2), r.Time(3), r.GetString(4), r.Text(5), r.Time(6)),
            accountId, leadId);
        var events = await DbRows.ListAsync(db,
            "SELECT event_id, event_type, created_at, payload::text FROM workflow_events WHERE account_id = $1 AND lead_id = $2 ORDER BY event_id DESC LIMIT 50",
            r => new LeadEvent(r.GetInt64(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3)),
            accountId, leadId);
        return new LeadDetail(fields, hopper.FirstOrDefault(), events) { CreatedAt = createdAt, ModifiedAt = modifiedAt, DeletedAt = deletedAt };
    }
}
