using System.Text.Json;
using Leadline.Grains.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Leadline.Grains.Storage;

/// <summary>
/// Writes one group-commit batch in one transaction: new leads by binary COPY, field updates, and the
/// hopper rows of both. Either all of it commits or none of it does.
/// </summary>
internal static class LeadBatchSql
{
    private static readonly string CopyLeads =
        $"""
        COPY leads (lead_id, account_id, list_id, campaign_id, phone_code, phone_number, phone_e164,
                    phone_shard, {LeadColumns.StandardList}, custom_fields, created_by, modified_by,
                    created_at, modified_at, dial_region)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyHopper =
        "COPY hopper_entries (campaign_id, lead_id, priority, inserted_at, expires_at, dial_region) FROM STDIN (FORMAT BINARY)";

    private const string UpsertHopper =
        """
        INSERT INTO hopper_entries (campaign_id, lead_id, priority, inserted_at, expires_at, state, dial_region)
        SELECT c, l, p, i, e, 'READY', (SELECT dial_region FROM leads WHERE lead_id = t.l)
        FROM unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::timestamptz[], $5::timestamptz[]) AS t(c, l, p, i, e)
        ON CONFLICT (campaign_id, lead_id) DO UPDATE
        SET priority = EXCLUDED.priority, inserted_at = EXCLUDED.inserted_at, expires_at = EXCLUDED.expires_at,
            dial_region = EXCLUDED.dial_region
        WHERE hopper_entries.state = 'READY' -- a lead leased to a dialer is not taken from under it
        """;

    public static async Task WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<LeadWrite> writes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var newLeads = writes.OfType<NewLeadRow>().ToList();
        if (newLeads.Count > 0)
            await CopyNewLeadsAsync(connection, newLeads, ct);

        foreach (var update in writes.OfType<LeadFieldsUpdate>())
            await UpdateFieldsAsync(connection, update, ct);

        // A new lead cannot be in a hopper yet, so its row is copied; an updated lead's is upserted.
        var newHopperRows = newLeads.Select(w => w.Hopper).OfType<HopperRow>().ToList();
        if (newHopperRows.Count > 0)
            await CopyHopperAsync(connection, newHopperRows, ct);
        var updatedHopperRows = writes.OfType<LeadFieldsUpdate>().Select(w => w.Hopper).OfType<HopperRow>().ToList();
        if (updatedHopperRows.Count > 0)
            await UpsertHopperAsync(connection, updatedHopperRows, ct);

        await tx.CommitAsync(ct);
    }

    private static async Task CopyNewLeadsAsync(NpgsqlConnection connection, List<NewLeadRow> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyLeads, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(row.LeadId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.AccountId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.ListId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.CampaignId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.Phone.CountryCode, NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(row.Phone.National, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(row.Phone.E164, NpgsqlDbType.Text, ct);
            await importer.WriteAsync((short)row.Shard, NpgsqlDbType.Smallint, ct);
            foreach (var field in LeadFieldCatalog.Standard)
            {
                if (row.Fields.Standard.TryGetValue(field.Name, out var value))
                    await importer.WriteAsync(LeadColumns.ToDbValue(field.Kind, value), LeadColumns.DbType(field.Kind), ct);
                else
                    await importer.WriteNullAsync(ct);
            }
            await importer.WriteAsync(JsonSerializer.Serialize(row.Fields.Custom), NpgsqlDbType.Jsonb, ct);
            await importer.WriteAsync(row.CreatedBy, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.CreatedBy, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await importer.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await importer.WriteAsync(DialRegionColumn.ToDb(row.Region), NpgsqlDbType.Text, ct);
        }
        await importer.CompleteAsync(ct);
    }

    private static async Task UpdateFieldsAsync(NpgsqlConnection connection, LeadFieldsUpdate update, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        var sets = new List<string>();
        foreach (var (name, value) in update.Fields.Standard)
        {
            if (!LeadFieldCatalog.TryGet(name, out var spec))
                continue;
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = LeadColumns.DbType(spec.Kind), Value = LeadColumns.ToDbValue(spec.Kind, value) });
            sets.Add($"{name} = ${cmd.Parameters.Count}");
        }
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(update.Fields.Custom) });
        sets.Add($"custom_fields = custom_fields || ${cmd.Parameters.Count}");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = update.ModifiedBy });
        sets.Add($"modified_by = ${cmd.Parameters.Count}");
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = update.ModifiedAt });
        sets.Add($"modified_at = ${cmd.Parameters.Count}");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = update.LeadId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = update.AccountId });
        cmd.CommandText =
            $"UPDATE leads SET {string.Join(", ", sets)} WHERE lead_id = ${cmd.Parameters.Count - 1} AND account_id = ${cmd.Parameters.Count}";
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            throw new InvalidOperationException($"Lead {update.LeadId} to update was not found.");
        if (DialRegionColumn.DependsOn(update.Fields))
            await DialRegionColumn.RefreshAsync(connection, null, update.LeadId, ct);
    }

    private static async Task CopyHopperAsync(NpgsqlConnection connection, List<HopperRow> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyHopper, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(row.CampaignId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(row.LeadId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync((short)row.Priority, NpgsqlDbType.Smallint, ct);
            await importer.WriteAsync(row.InsertedAt, NpgsqlDbType.TimestampTz, ct);
            if (row.ExpiresAt is { } expiresAt)
                await importer.WriteAsync(expiresAt, NpgsqlDbType.TimestampTz, ct);
            else
                await importer.WriteNullAsync(ct);
            await importer.WriteAsync(DialRegionColumn.ToDb(row.Entry.Region), NpgsqlDbType.Text, ct);
        }
        await importer.CompleteAsync(ct);
    }

    private static async Task UpsertHopperAsync(NpgsqlConnection connection, List<HopperRow> rows, CancellationToken ct)
    {
        // One row per (campaign, lead) in a statement: ON CONFLICT cannot touch a row twice.
        var latest = rows.GroupBy(r => (r.CampaignId, r.LeadId)).Select(g => g.Last()).ToList();
        await using var cmd = new NpgsqlCommand(UpsertHopper, connection);
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = latest.Select(r => r.CampaignId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = latest.Select(r => r.LeadId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = latest.Select(r => (short)r.Priority).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = latest.Select(r => r.InsertedAt).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = latest.Select(r => r.ExpiresAt).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
