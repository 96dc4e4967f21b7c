using Leadline.Grains.Dialing;
using Leadline.Grains.Leads;
using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>
/// leads.dial_region and hopper_entries.dial_region: the region DialRegions computed when the lead was written.
/// '' in the table = computed, zone unknown (null in memory); NULL = not computed yet (a lead older than the
/// column, see DialRegionBackfill).
/// </summary>
public static class DialRegionColumn
{
    public const string Unknown = "";

    public static string ToDb(string? region) => region ?? Unknown;

    /// <summary>The shared instance of the region's key (DialRegions.Canonical), so a hopper's entries do not each hold a copy.</summary>
    public static string? FromDb(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetString(ordinal).Length == 0 ? null : DialRegions.Canonical(reader.GetString(ordinal));

    /// <summary>Whether a change of these fields can move the lead to another region.</summary>
    public static bool DependsOn(LeadFields fields) =>
        fields.Standard.ContainsKey("state") || fields.Standard.ContainsKey("postal_code");

    public static string? Resolve(NormalizedPhone phone, LeadFields fields) => DialRegions.Resolve(
        phone, fields.Standard.GetValueOrDefault("state"), fields.Standard.GetValueOrDefault("postal_code"));

    /// <summary>
    /// Computes the lead's region again from what its row holds now (after a change of its phone, state or postal
    /// code, in the change's transaction) and stores it on the lead and on its hopper rows.
    /// </summary>
    public static async Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long leadId, CancellationToken ct)
    {
        string? region;
        await using (var read = new NpgsqlCommand(
            "SELECT phone_e164, phone_code, phone_number, state, postal_code FROM leads WHERE lead_id = $1", connection, tx))
        {
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leadId });
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return;
            region = DialRegions.Resolve(new NormalizedPhone(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        await using var write = new NpgsqlCommand(
            """
            WITH lead AS (UPDATE leads SET dial_region = $2 WHERE lead_id = $1 AND dial_region IS DISTINCT FROM $2 RETURNING lead_id)
            UPDATE hopper_entries SET dial_region = $2 WHERE lead_id = $1 AND dial_region IS DISTINCT FROM $2
            """, connection, tx);
        write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leadId });
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ToDb(region) });
        await write.ExecuteNonQueryAsync(ct);
    }
}
