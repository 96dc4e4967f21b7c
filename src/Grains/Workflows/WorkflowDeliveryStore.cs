using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Leadline.Grains.Workflows;

/// <summary>
/// The SQL of workflow delivery. Claims use FOR UPDATE SKIP LOCKED, so the workers of all silos share
/// the due deliveries without handing one to two of them; a claim is a due time pushed into the future.
/// A claim loads everything its deliveries need in the same statement, and results are written back
/// many per statement (<see cref="FinishAsync"/>): per delivery, the database sees one row updated at
/// claim, one at finish and one log row per try, not a transaction of its own.
/// </summary>
public sealed class WorkflowDeliveryStore(NpgsqlDataSource db)
{
    // The lead "as it is now": read in the claim, so at the start of this attempt (a retry reads it again).
    // Flat: custom fields beside the standard ones, as the insert API takes them.
    // "= ANY(ARRAY(...))", not "IN (...)": the prepared (generic) plan does not know the LIMIT and
    // planned IN as a hash semi-join over a sequential scan of every delivery ever made (150 ms per
    // claim at 200,000 rows); the array keeps it to primary-key lookups of the rows just locked.
    private const string ClaimSql =
        """
        WITH claimed AS (
            UPDATE workflow_deliveries d
            SET attempts = d.attempts + 1, claimed_by = $1, next_attempt_at = now() + $2
            WHERE d.delivery_id = ANY(ARRAY(
                SELECT delivery_id FROM workflow_deliveries
                WHERE state = 'PENDING' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED))
            RETURNING d.delivery_id, d.attempts, d.next_action, d.event_id, d.rule_id)
        SELECT c.delivery_id, c.attempts, c.next_action,
               e.event_id, e.account_id, e.event_type, e.campaign_id, e.lead_id, e.payload::text, e.created_at,
               r.rule_id, r.name, r.enabled AND r.deleted_at IS NULL,
               (SELECT ((to_jsonb(l) - 'phone_shard' - 'custom_fields' - 'account_id') || l.custom_fields)::text
                FROM leads l WHERE l.lead_id = e.lead_id AND l.account_id = e.account_id)
        FROM claimed c
        JOIN workflow_events e ON e.event_id = c.event_id
        JOIN workflow_rules r ON r.rule_id = c.rule_id
        ORDER BY c.delivery_id
        """;

    // A claim's rules' actions, once per rule rather than once per delivery (one claim usually holds
    // many deliveries of few rules). Same snapshot as the claim: read in its transaction.
    private const string ActionsSql =
        """
        SELECT a.rule_id, a.action_type, a.config::text
        FROM workflow_actions a
        WHERE a.rule_id = ANY($1)
        ORDER BY a.rule_id, a.position
        """;

    // Results fenced by the attempt number: a worker that overran its claim (another silo has since
    // claimed the delivery) changes nothing but the log. One statement: the log rows and the outcomes of
    // every result in it commit together. `delivery_id = ANY($11)` besides the join to unnest, so the plan can
    // probe the primary key whatever the table's statistics say (as the claim does; bench/webhook-bench.sh, one
    // run each: 193 → 159 µs of finish statement time per delivery).
    private const string FinishSql =
        """
        WITH log AS (
            INSERT INTO workflow_delivery_attempts
                (delivery_id, attempt, action_position, action_type, started_at, duration_ms, http_status, outcome, detail, silo)
            SELECT u.delivery_id, u.attempt, u.position, u.type, u.started_at, u.duration_ms, u.http_status, u.outcome, u.detail, $1
            FROM unnest($2::bigint[], $3::int[], $4::int[], $5::text[], $6::timestamptz[], $7::int[], $8::int[], $9::text[], $10::text[])
                 AS u(delivery_id, attempt, position, type, started_at, duration_ms, http_status, outcome, detail))
        UPDATE workflow_deliveries d
        SET state = u.state, next_action = u.next_action, last_error = u.last_error, claimed_by = NULL,
            next_attempt_at = CASE WHEN u.state = 'PENDING' THEN now() + u.retry_after ELSE d.next_attempt_at END,
            completed_at = CASE WHEN u.state = 'PENDING' THEN NULL ELSE now() END
        FROM unnest($11::bigint[], $12::int[], $13::text[], $14::int[], $15::text[], $16::interval[])
             AS u(delivery_id, attempt, state, next_action, last_error, retry_after)
        WHERE d.delivery_id = ANY($11) AND d.delivery_id = u.delivery_id AND d.attempts = u.attempt AND d.state = 'PENDING'
        """;

    /// <summary>Claims up to <paramref name="batchSize"/> due deliveries and loads what each attempt needs.</summary>
    public async Task<List<DeliveryWork>> ClaimDueAsync(string silo, int batchSize, TimeSpan claimTimeout, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // A claim is a lease, not a record: if a crash of the database loses it, the delivery is simply due
        // again and its result, fenced by the attempt number, is refused — at least once either way. So
        // the claim does not wait for its WAL flush; the results (FinishAsync) do.
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
            await relaxed.ExecuteNonQueryAsync(ct);
        var rows = new List<(ClaimedDelivery Claim, WorkflowEvent Event, long RuleId, string RuleName, bool Active, string? Lead)>();
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
            claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = claimTimeout });
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            await claim.PrepareAsync(ct); // kept on the pooled connection: parsed and planned once
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((
                    new ClaimedDelivery(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2)),
                    new WorkflowEvent(
                        reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                        reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9)),
                    reader.GetInt64(10), reader.GetString(11), reader.GetBoolean(12),
                    reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        var actions = new Dictionary<long, List<WorkflowAction>>();
        if (rows.Count > 0)
        {
            await using var load = new NpgsqlCommand(ActionsSql, connection, transaction);
            load.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.RuleId).Distinct()] });
            await load.PrepareAsync(ct);
            await using var reader = await load.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var ruleId = reader.GetInt64(0);
                if (!actions.TryGetValue(ruleId, out var list))
                    actions[ruleId] = list = [];
                list.Add(WorkflowActionJson.FromConfig(reader.GetString(1), reader.GetString(2)));
            }
        }
        await transaction.CommitAsync(ct);

        return [.. rows.Select(r => new DeliveryWork(
            r.Claim, r.Event, r.RuleId, r.RuleName, r.Active,
            actions.TryGetValue(r.RuleId, out var list) ? list : [],
            r.Lead is null ? null : FlatLead(r.Lead)))];
    }

    /// <summary>
    /// Writes the log and outcome of every attempt in <paramref name="results"/>, in one statement (one
    /// transaction). An attempt that ran out of attempts while failing is DEAD.
    /// </summary>
    public async Task FinishAsync(IReadOnlyList<DeliveryResult> results, string silo, int maxAttempts, CancellationToken ct)
    {
        if (results.Count == 0)
            return;
        var logCount = results.Sum(r => r.Log.Count);
        var logDelivery = new long[logCount];
        var logAttempt = new int[logCount];
        var logPosition = new int[logCount];
        var logType = new string[logCount];
        var logStarted = new DateTimeOffset[logCount];
        var logDuration = new int[logCount];
        var logStatus = new int?[logCount];
        var logOutcome = new string[logCount];
        var logDetail = new string?[logCount];
        var id = new long[results.Count];
        var attempt = new int[results.Count];
        var state = new string[results.Count];
        var nextAction = new int[results.Count];
        var lastError = new string?[results.Count];
        var retryAfter = new TimeSpan[results.Count];
        var row = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var claim = result.Claim;
            foreach (var entry in result.Log)
            {
                logDelivery[row] = claim.DeliveryId;
                logAttempt[row] = claim.Attempt;
                logPosition[row] = entry.ActionPosition;
                logType[row] = entry.ActionType;
                logStarted[row] = entry.Try.StartedAt;
                logDuration[row] = (int)Math.Min(int.MaxValue, entry.Try.Duration.TotalMilliseconds);
                logStatus[row] = entry.Try.HttpStatus;
                logOutcome[row] = OutcomeText(entry.Try.Outcome);
                logDetail[row] = entry.Try.Detail;
                row++;
            }
            id[i] = claim.DeliveryId;
            attempt[i] = claim.Attempt;
            state[i] = StateText(result.State == DeliveryState.Pending && claim.Attempt >= maxAttempts ? DeliveryState.Dead : result.State);
            nextAction[i] = result.NextAction;
            lastError[i] = result.LastError;
            retryAfter[i] = result.RetryAfter ?? TimeSpan.Zero;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var finish = new NpgsqlCommand(FinishSql, connection);
        finish.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
        finish.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = logDelivery });
        finish.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = logAttempt });
        finish.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = logPosition });
        finish.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = logType });
        finish.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = logStarted });
        finish.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = logDuration });
        finish.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = logStatus });
        finish.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = logOutcome });
        finish.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = logDetail });
        finish.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = id });
        finish.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = attempt });
        finish.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = state });
        finish.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = nextAction });
        finish.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = lastError, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        finish.Parameters.Add(new NpgsqlParameter<TimeSpan[]> { TypedValue = retryAfter });
        await finish.PrepareAsync(ct);
        await finish.ExecuteNonQueryAsync(ct);
    }

    public static string StateText(DeliveryState state) => state switch
    {
        DeliveryState.Pending => "PENDING",
        DeliveryState.Delivered => "DELIVERED",
        DeliveryState.Dead => "DEAD",
        DeliveryState.Cancelled => "CANCELLED",
        _ => state.ToString().ToUpperInvariant(),
    };

    private static string OutcomeText(ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.Ok => "OK",
        ActionOutcome.Failed => "FAILED",
        ActionOutcome.Skipped => "SKIPPED",
        _ => outcome.ToString().ToUpperInvariant(),
    };

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
}
