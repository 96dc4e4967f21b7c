using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Leadline.Grains.Workflows;

/// <summary>
/// The SQL of workflow delivery. Claims use FOR UPDATE SKIP LOCKED, so the workers of all silos share
/// the due deliveries without handing one to two of them; a claim is a due time pushed into the future.
/// </summary>
public sealed class WorkflowDeliveryStore(NpgsqlDataSource db)
{
    public async Task<List<ClaimedDelivery>> ClaimDueAsync(string silo, int batchSize, TimeSpan claimTimeout, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            UPDATE workflow_deliveries d
            SET attempts = d.attempts + 1, claimed_by = $1, next_attempt_at = now() + $2
            WHERE d.delivery_id IN (
                SELECT delivery_id FROM workflow_deliveries
                WHERE state = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
            RETURNING d.delivery_id, d.attempts, d.next_action
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = claimTimeout });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add(new ClaimedDelivery(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2)));
        return claimed;
    }

    /// <summary>The event, rule, actions and lead of a claimed delivery; null if the delivery is gone.</summary>
    public async Task<DeliveryWork?> LoadAsync(ClaimedDelivery claim, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command(
            """
            SELECT e.event_id, e.account_id, e.event_type, e.campaign_id, e.lead_id, e.payload::text, e.created_at,
                   r.rule_id, r.name, r.enabled AND r.deleted_at IS NULL
            FROM workflow_deliveries d
            JOIN workflow_events e ON e.event_id = d.event_id
            JOIN workflow_rules r ON r.rule_id = d.rule_id
            WHERE d.delivery_id = $1
            """, claim.DeliveryId));
        batch.BatchCommands.Add(Command(
            """
            SELECT a.action_type, a.config::text
            FROM workflow_deliveries d JOIN workflow_actions a ON a.rule_id = d.rule_id
            WHERE d.delivery_id = $1
            ORDER BY a.position
            """, claim.DeliveryId));
        // The lead as it is now, flat: custom fields beside the standard ones, as the insert API takes them.
        batch.BatchCommands.Add(Command(
            """
            SELECT (to_jsonb(l) - 'phone_shard' - 'custom_fields' - 'account_id') || l.custom_fields
            FROM workflow_deliveries d
            JOIN workflow_events e ON e.event_id = d.event_id
            JOIN leads l ON l.lead_id = e.lead_id AND l.account_id = e.account_id
            WHERE d.delivery_id = $1
            """, claim.DeliveryId));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var evt = new WorkflowEvent(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
        var (ruleId, ruleName, active) = (reader.GetInt64(7), reader.GetString(8), reader.GetBoolean(9));

        await reader.NextResultAsync(ct);
        var actions = new List<WorkflowAction>();
        while (await reader.ReadAsync(ct))
            actions.Add(WorkflowActionJson.FromConfig(reader.GetString(0), reader.GetString(1)));

        await reader.NextResultAsync(ct);
        var lead = await reader.ReadAsync(ct) ? FlatLead(reader.GetString(0)) : null;
        return new DeliveryWork(claim, evt, ruleId, ruleName, active, actions, lead);
    }

    /// <summary>
    /// Writes an attempt's log and outcome together. Fenced by the attempt number: a worker that overran
    /// its claim (another silo has since claimed the delivery) changes nothing but the log.
    /// </summary>
    public async Task FinishAsync(DeliveryResult result, string silo, int maxAttempts, CancellationToken ct)
    {
        var claim = result.Claim;
        await using var batch = db.CreateBatch();
        if (result.Log.Count > 0)
        {
            var log = new NpgsqlBatchCommand(
                """
                INSERT INTO workflow_delivery_attempts
                    (delivery_id, attempt, action_position, action_type, started_at, duration_ms, http_status, outcome, detail, silo)
                SELECT $1, $2, u.position, u.type, u.started_at, u.duration_ms, u.http_status, u.outcome, u.detail, $10
                FROM unnest($3::int[], $4::text[], $5::timestamptz[], $6::int[], $7::int[], $8::text[], $9::text[])
                     AS u(position, type, started_at, duration_ms, http_status, outcome, detail)
                """);
            log.Parameters.Add(new NpgsqlParameter<long> { TypedValue = claim.DeliveryId });
            log.Parameters.Add(new NpgsqlParameter<int> { TypedValue = claim.Attempt });
            log.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. result.Log.Select(r => r.ActionPosition)] });
            log.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. result.Log.Select(r => r.ActionType)] });
            log.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. result.Log.Select(r => r.Try.StartedAt)] });
            log.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. result.Log.Select(r => (int)Math.Min(int.MaxValue, r.Try.Duration.TotalMilliseconds))] });
            log.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. result.Log.Select(r => r.Try.HttpStatus)] });
            log.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. result.Log.Select(r => OutcomeText(r.Try.Outcome))] });
            log.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. result.Log.Select(r => r.Try.Detail)] });
            log.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
            batch.BatchCommands.Add(log);
        }

        var state = result.State == DeliveryState.Pending && claim.Attempt >= maxAttempts ? DeliveryState.Dead : result.State;
        var update = new NpgsqlBatchCommand(
            """
            UPDATE workflow_deliveries
            SET state = $3, next_action = $4, last_error = $5, claimed_by = NULL,
                next_attempt_at = CASE WHEN $3 = 'PENDING' THEN now() + $6 ELSE next_attempt_at END,
                completed_at = CASE WHEN $3 = 'PENDING' THEN NULL ELSE now() END
            WHERE delivery_id = $1 AND attempts = $2 AND state = 'PENDING'
            """);
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = claim.DeliveryId });
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = claim.Attempt });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StateText(state) });
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = result.NextAction });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)result.LastError ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = result.RetryAfter ?? TimeSpan.Zero });
        batch.BatchCommands.Add(update);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public static string StateText(DeliveryState state) => state.ToString().ToUpperInvariant();

    private static string OutcomeText(ActionOutcome outcome) => outcome.ToString().ToUpperInvariant();

    private static Dictionary<string, string?> FlatLead(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var lead = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
            lead[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
        return lead;
    }

    private static NpgsqlBatchCommand Command(string sql, long id)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return command;
    }
}
