using System.Text.Json;
using Leadline.Grains.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Leadline.Grains.Storage;

/// <summary>
/// The SQL of lead updates and deletes. Not group-committed like inserts: changes are rare next to
/// inserts, and each must answer whether its lead was still there. One transaction per change, so the
/// lead row and its hopper row change together or not at all.
/// </summary>
public sealed class LeadChangeStore(NpgsqlDataSource dataSource)
{
    /// <summary>LeadNotThere when the lead is deleted or its phone is not the one expected.</summary>
    public async Task<LeadChangeWritten> UpdateAsync(LeadChangeRow change, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = connection, Transaction = tx };
        var sets = LeadFieldSets.Add(cmd, change.Fields);
        if (change.Phone is { } phone)
        {
            sets.Add($"phone_code = {Param(cmd, phone.CountryCode)}");
            sets.Add($"phone_number = {Param(cmd, phone.National)}");
            sets.Add($"phone_e164 = {Param(cmd, phone.E164)}");
            sets.Add($"phone_shard = {Param(cmd, (short)change.Shard)}");
        }
        sets.Add($"list_id = {Param(cmd, change.ListId)}");
        sets.Add($"campaign_id = {Param(cmd, change.CampaignId)}");
        if (change.ModifiedBy is { } modifiedBy)
            sets.Add($"modified_by = {Param(cmd, modifiedBy)}");
        sets.Add($"modified_at = {Param(cmd, change.ModifiedAt)}");
        cmd.CommandText =
            $"UPDATE leads SET {string.Join(", ", sets)} WHERE {LeadIsThere(cmd, change.LeadId, change.AccountId, change.ExpectedE164)}";
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            return LeadChangeWritten.LeadNotThere;
        if (change.Phone is not null || DialRegionColumn.DependsOn(change.Fields))
            await DialRegionColumn.RefreshAsync(connection, tx, change.LeadId, ct);

        var leftHopper = change.LeaveHopperOf is { } campaignId && await DeleteHopperRowAsync(connection, tx, campaignId, change.LeadId, ct);
        await tx.CommitAsync(ct);
        return leftHopper ? LeadChangeWritten.WrittenOutOfHopper : LeadChangeWritten.Written;
    }

    /// <summary>LeadNotThere when the lead is already deleted or its phone is not the one expected.</summary>
    public async Task<LeadChangeWritten> DeleteAsync(LeadDeleteRow delete, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = connection, Transaction = tx };
        var at = Param(cmd, delete.DeletedAt);
        cmd.CommandText =
            $"UPDATE leads SET deleted_at = {at}, modified_at = {at}, modified_by = {Param(cmd, delete.DeletedBy)} " +
            $"WHERE {LeadIsThere(cmd, delete.LeadId, delete.AccountId, delete.ExpectedE164)}";
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            return LeadChangeWritten.LeadNotThere;
        var leftHopper = await DeleteHopperRowAsync(connection, tx, delete.CampaignId, delete.LeadId, ct);
        await tx.CommitAsync(ct);
        return leftHopper ? LeadChangeWritten.WrittenOutOfHopper : LeadChangeWritten.Written;
    }

    private static string LeadIsThere(NpgsqlCommand cmd, long leadId, long accountId, string e164) =>
        $"lead_id = {Param(cmd, leadId)} AND account_id = {Param(cmd, accountId)} AND phone_e164 = {Param(cmd, e164)} AND deleted_at IS NULL";

    /// <summary>Whether the lead had a row in that campaign's hopper.</summary>
    private static async Task<bool> DeleteHopperRowAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long campaignId, long leadId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("DELETE FROM hopper_entries WHERE campaign_id = $1 AND lead_id = $2", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leadId });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private static string Param<T>(NpgsqlCommand cmd, T value)
    {
        cmd.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return $"${cmd.Parameters.Count}";
    }
}

public enum LeadChangeWritten
{
    LeadNotThere,
    Written,
    /// <summary>Written, and the lead's hopper row went with it: the hopper grain must forget the entry too.</summary>
    WrittenOutOfHopper,
}

/// <summary>The SET items for a lead's given field values: standard columns overwrite, custom fields merge.</summary>
internal static class LeadFieldSets
{
    public static List<string> Add(NpgsqlCommand cmd, LeadFields fields)
    {
        var sets = new List<string>();
        foreach (var (name, value) in fields.Standard)
        {
            if (!LeadFieldCatalog.TryGet(name, out var spec))
                continue;
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = LeadColumns.DbType(spec.Kind), Value = LeadColumns.ToDbValue(spec.Kind, value) });
            sets.Add($"{name} = ${cmd.Parameters.Count}");
        }
        if (fields.Custom.Count > 0)
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(fields.Custom) });
            sets.Add($"custom_fields = custom_fields || ${cmd.Parameters.Count}");
        }
        return sets;
    }
}
