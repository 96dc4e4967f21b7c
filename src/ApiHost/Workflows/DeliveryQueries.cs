using Npgsql;

namespace Leadline.ApiHost.Workflows;

public sealed record DeliveryFilter(long? DeliveryId, long? RuleId, long? EventId, long? LeadId, string? State, int Offset, int Limit);

public sealed record DeliveryAttempt(
    int Attempt, int ActionPosition, string ActionType, DateTimeOffset StartedAt, int DurationMs, int? HttpStatus, string Outcome, string? Detail, string Silo);

public sealed record DeliveryView(
    long DeliveryId, long EventId, string EventType, DateTimeOffset OccurredAt, long RuleId, string RuleName, long? CampaignId, long? LeadId,
    string State, int Attempts, int NextAction, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt, IReadOnlyList<DeliveryAttempt> Log);

/// <summary>The delivery side of Workflow Automation as operators see it: what happened, and the dead-letter retry.</summary>
public sealed class DeliveryQueries(NpgsqlDataSource db)
{
    /// <summary>Attempt rows shown per delivery (the newest); one delivery asked by id shows its whole log.</summary>
    public const int LogRowsPerDelivery = 20;

    public async Task<(long Total, List<DeliveryView> Entries)> SearchAsync(long accountId, DeliveryFilter filter)
    {
        await using var cmd = db.CreateCommand(
            $"""
            SELECT d.delivery_id, e.event_id, e.event_type, e.created_at, r.rule_id, r.name, e.campaign_id, e.lead_id,
                   d.state, d.attempts, d.next_action, CASE WHEN d.state = 'PENDING' THEN d.next_attempt_at END,
                   d.last_error, d.created_at, d.completed_at,
                   count(*) OVER (),
                   (SELECT coalesce(jsonb_agg(x ORDER BY x.attempt_id), '[]')::text FROM (
                        SELECT a.attempt_id, a.attempt, a.action_position, a.action_type, a.started_at, a.duration_ms,
                               a.http_status, a.outcome, a.detail, a.silo
                        FROM workflow_delivery_attempts a WHERE a.delivery_id = d.delivery_id
                        ORDER BY a.attempt_id DESC LIMIT CASE WHEN $2::bigint IS NULL THEN {LogRowsPerDelivery} END) x)
            FROM workflow_deliveries d
            JOIN workflow_events e ON e.event_id = d.event_id
            JOIN workflow_rules r ON r.rule_id = d.rule_id
            WHERE d.account_id = $1
              AND ($2::bigint IS NULL OR d.delivery_id = $2)
              AND ($3::bigint IS NULL OR d.rule_id = $3)
              AND ($4::bigint IS NULL OR d.event_id = $4)
              AND ($5::bigint IS NULL OR e.lead_id = $5)
              AND ($6::text IS NULL OR d.state = $6)
            ORDER BY d.delivery_id DESC
            OFFSET $7 LIMIT $8
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = filter.DeliveryId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = filter.RuleId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = filter.EventId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = filter.LeadId });
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = filter.State });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.Offset });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.Limit });

        var entries = new List<DeliveryView>();
        long total = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            total = reader.GetInt64(15);
            entries.Add(new DeliveryView(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt64(4), reader.GetString(5), NullableLong(reader, 6), NullableLong(reader, 7),
                reader.GetString(8), reader.GetInt32(9), reader.GetInt32(10), NullableTime(reader, 11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetFieldValue<DateTimeOffset>(13), NullableTime(reader, 14),
                ReadLog(reader.GetString(16))));
        }
        if (entries.Count == 0 && filter.Offset > 0)
            total = await CountAsync(accountId, filter);
        return (total, entries);
    }

    /// <summary>
    /// Dead-letter retry: DEAD (or CANCELLED) deliveries become due now with a fresh attempt budget,
    /// resuming at the action that failed. Returns how many were requeued.
    /// </summary>
    public async Task<long> RetryAsync(long accountId, long? deliveryId, long? ruleId)
    {
        await using var cmd = db.CreateCommand(
            """
            UPDATE workflow_deliveries d
            SET state = 'PENDING', attempts = 0, next_attempt_at = now(), completed_at = NULL
            FROM workflow_rules r
            WHERE r.rule_id = d.rule_id AND r.deleted_at IS NULL
              AND d.account_id = $1 AND d.state IN ('DEAD', 'CANCELLED')
              AND ($2::bigint IS NULL OR d.delivery_id = $2)
              AND ($3::bigint IS NULL OR d.rule_id = $3)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = deliveryId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = ruleId });
        return await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(long accountId, DeliveryFilter filter)
    {
        var (total, _) = await SearchAsync(accountId, filter with { Offset = 0, Limit = 1 });
        return total;
    }

    private static IReadOnlyList<DeliveryAttempt> ReadLog(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray().Select(a => new DeliveryAttempt(
            a.GetProperty("attempt").GetInt32(), a.GetProperty("action_position").GetInt32(), a.GetProperty("action_type").GetString()!,
            a.GetProperty("started_at").GetDateTimeOffset(), a.GetProperty("duration_ms").GetInt32(),
            a.GetProperty("http_status").ValueKind == System.Text.Json.JsonValueKind.Null ? null : a.GetProperty("http_status").GetInt32(),
            a.GetProperty("outcome").GetString()!, a.GetProperty("detail").GetString(), a.GetProperty("silo").GetString()!))];
    }

    private static long? NullableLong(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
