using System.Text.Json;
using Npgsql;

namespace Leadline.Grains.Campaigns;

/// <summary>
/// A campaign's dial settings on its campaigns row (migration 0011). Only <see cref="CampaignGrain"/> uses it:
/// the grain is the one place that reads them for dialing, and the one that tells the hopper of a change.
/// </summary>
public sealed class CampaignDialSettingsStore(NpgsqlDataSource db)
{
    public const string ActiveStatus = "active";

    private const string Columns =
        "status, hopper_level, lead_order, dialable_statuses, calling_window::text, max_attempts_24h, recycle_minutes::text, unknown_zone_as";

    /// <summary>The settings, or null when there is no such campaign.</summary>
    public async Task<CampaignDialSettings?> ReadAsync(long campaignId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM campaigns WHERE campaign_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        return await ReadOneAsync(cmd, campaignId, ct);
    }

    /// <summary>
    /// Writes every setting but Active (campaigns.status is the campaign's own switch, set by campaigns/status) and
    /// answers the row as stored; null when there is no such campaign.
    /// </summary>
    public async Task<CampaignDialSettings?> WriteAsync(long campaignId, CampaignDialSettings settings, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            $"""
            UPDATE campaigns SET hopper_level = $2, lead_order = $3, dialable_statuses = $4, calling_window = $5::jsonb,
                                 max_attempts_24h = $6, recycle_minutes = $7::jsonb, unknown_zone_as = $8, modified_at = now()
            WHERE campaign_id = $1
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaignId });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = settings.HopperLevel });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CampaignDialSettingsRules.Word(settings.LeadOrder) });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = settings.DialableStatuses });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WindowJson(settings.CallingWindow) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)settings.MaxAttemptsPer24h ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(settings.RecycleMinutes) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)settings.UnknownZoneAs ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadOneAsync(cmd, campaignId, ct);
    }

    /// <summary>Seven [start, end] pairs, Sunday first: the column's form (see 0011).</summary>
    internal static string WindowJson(IEnumerable<DayWindow> week) =>
        JsonSerializer.Serialize(week.Select(w => new[] { w.StartMinute, w.EndMinute }));

    internal static DayWindow[] ParseWindow(string json, long campaignId)
    {
        var pairs = JsonSerializer.Deserialize<int[][]>(json);
        if (pairs is not { Length: 7 } || pairs.Any(p => p is not { Length: 2 }))
            throw new InvalidOperationException($"Campaign {campaignId}: calling_window is not seven [start, end] pairs: {json}");
        return [.. pairs.Select(p => new DayWindow(p[0], p[1]))];
    }

    private static async Task<CampaignDialSettings?> ReadOneAsync(NpgsqlCommand cmd, long campaignId, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var order = reader.GetString(2);
        var settings = new CampaignDialSettings(
            reader.GetString(0) == ActiveStatus,
            reader.GetInt32(1),
            CampaignDialSettingsRules.LeadOrderWords.Single(w => w.Value == order).Key,
            reader.GetFieldValue<string[]>(3),
            ParseWindow(reader.GetString(4), campaignId),
            reader.IsDBNull(5) ? null : reader.GetInt32(5),
            JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(6)) ?? [],
            reader.IsDBNull(7) ? null : reader.GetString(7));
        // The table's checks cover the shapes; a hand-made UPDATE can still store, say, a lower-case status.
        if (CampaignDialSettingsRules.Validate(settings) is { } problem)
            throw new InvalidOperationException($"Campaign {campaignId}: stored dial settings are invalid ({problem.Setting}: {problem.Text})");
        return settings;
    }
}
