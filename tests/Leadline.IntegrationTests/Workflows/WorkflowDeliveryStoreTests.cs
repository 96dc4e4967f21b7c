using Leadline.Grains.Workflows;
using Leadline.IntegrationTests.Infrastructure;
using Npgsql;

namespace Leadline.IntegrationTests.Workflows;

/// <summary>
/// The delivery SQL on its own database: a claim loads everything an attempt needs in one go, claims
/// do not overlap, and one finish statement writes many results with their logs, each fenced by its
/// attempt number.
/// </summary>
public sealed class WorkflowDeliveryStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);
    private TestDatabase _db = null!;
    private WorkflowDeliveryStore _store = null!;
    private long _account, _campaign, _rule, _lead;

    public async Task InitializeAsync()
    {
        _db = TestDatabase.Create();
        _store = new WorkflowDeliveryStore(_db.DataSource);
        _account = await _db.ScalarAsync("INSERT INTO accounts (name) VALUES ('store test') RETURNING account_id");
        _campaign = await _db.ScalarAsync("INSERT INTO campaigns (account_id, name) VALUES ($1, 'c') RETURNING campaign_id", _account);
        var list = await _db.ScalarAsync("INSERT INTO lists (account_id, campaign_id, name) VALUES ($1, $2, 'l') RETURNING list_id", _account, _campaign);
        _lead = await _db.ScalarAsync(
            """
            INSERT INTO leads (account_id, list_id, campaign_id, phone_code, phone_number, phone_e164, phone_shard,
                               first_name, custom_fields, created_by, modified_by)
            VALUES ($1, $2, $3, 1, '3055550100', '+13055550100', 7, 'Ann', '{"favorite_color": "teal"}', 0, 0)
            RETURNING lead_id
            """, _account, list, _campaign);
        _rule = await _db.ScalarAsync(
            "INSERT INTO workflow_rules (account_id, name, trigger_event) VALUES ($1, 'r', 'HOPPER_EXPIRE') RETURNING rule_id", _account);
        // Stored out of order: the claim hands them over by position.
        await _db.ScalarAsync(
            """
            WITH a AS (INSERT INTO workflow_actions (rule_id, position, action_type, config) VALUES
                ($1, 1, 'WEBHOOK', '{"url": "https://hooks.example.com/x", "secret": "s"}'),
                ($1, 0, 'SET_STATUS', '{"status": "EXPIRED"}') RETURNING 1)
            SELECT count(*) FROM a
            """, _rule);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Records events the way the hopper sweep does; the trigger queues one delivery each.</summary>
    private async Task AddEventsAsync(int count, long? leadId = null) =>
        await _db.ScalarAsync(
            """
            WITH e AS (INSERT INTO workflow_events (account_id, event_type, campaign_id, lead_id, payload)
                       SELECT $1, 'HOPPER_EXPIRE', $2, $3, '{"priority": 99}' FROM generate_series(1, $4) RETURNING 1)
            SELECT count(*) FROM e
            """, _account, _campaign, leadId ?? _lead, count);

    [Fact]
    public async Task A_claim_loads_the_event_the_rule_its_actions_in_order_and_the_lead_as_it_is_now()
    {
        await AddEventsAsync(1);
        await _db.ScalarAsync("UPDATE leads SET status = 'NEW' WHERE lead_id = $1 RETURNING 1", _lead);

        var work = Assert.Single(await _store.ClaimDueAsync("silo-a", 10, ClaimTimeout, CancellationToken.None));

        Assert.Equal((1, 0), (work.Claim.Attempt, work.Claim.NextAction));
        Assert.Equal(("HOPPER_EXPIRE", _account, (long?)_campaign, (long?)_lead), (work.Event.Type, work.Event.AccountId, work.Event.CampaignId, work.Event.LeadId));
        Assert.Contains("\"priority\": 99", work.Event.PayloadJson);
        Assert.Equal((_rule, "r", true), (work.RuleId, work.RuleName, work.RuleActive));
        Assert.Equal(["SET_STATUS", "WEBHOOK"], work.Actions.Select(a => a.Type));
        Assert.Equal("https://hooks.example.com/x", work.Actions[1].Url);
        var lead = work.Lead!;
        Assert.Equal(((string?)"Ann", (string?)"NEW", (string?)"teal", (string?)"+13055550100"), (lead["first_name"], lead["status"], lead["favorite_color"], lead["phone_e164"]));
        Assert.False(lead.ContainsKey("custom_fields") || lead.ContainsKey("phone_shard") || lead.ContainsKey("account_id"));
        Assert.Equal("silo-a", (await RowAsync(work.Claim.DeliveryId)).ClaimedBy);
    }

    [Fact]
    public async Task Claims_take_due_deliveries_once_up_to_the_batch_size_and_a_missing_lead_is_null()
    {
        await AddEventsAsync(5, leadId: 999_999_999);

        var first = await _store.ClaimDueAsync("silo-a", 3, ClaimTimeout, CancellationToken.None);
        var second = await _store.ClaimDueAsync("silo-b", 10, ClaimTimeout, CancellationToken.None);
        var third = await _store.ClaimDueAsync("silo-b", 10, ClaimTimeout, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.Equal(5, first.Concat(second).Select(w => w.Claim.DeliveryId).Distinct().Count());
        Assert.All(first.Concat(second), w => Assert.Null(w.Lead));
    }

    [Fact]
    public async Task One_finish_writes_many_results_with_their_logs_and_fences_a_result_whose_claim_was_taken_over()
    {
        await AddEventsAsync(4);
        var claimed = await _store.ClaimDueAsync("silo-a", 10, TimeSpan.Zero, CancellationToken.None); // due again at once
        Assert.Equal(4, claimed.Count);
        var (delivered, failing, lastChance, overrun) = (claimed[0].Claim, claimed[1].Claim, claimed[2].Claim, claimed[3].Claim);
        // silo-b takes the overrun one over (its claim timed out); silo-a's late result must not count.
        await _db.ScalarAsync("UPDATE workflow_deliveries SET next_attempt_at = now() + interval '1 day' WHERE delivery_id <> $1 RETURNING 1", overrun.DeliveryId);
        var takenOver = Assert.Single(await _store.ClaimDueAsync("silo-b", 10, ClaimTimeout, CancellationToken.None)).Claim;
        Assert.Equal((overrun.DeliveryId, 2), (takenOver.DeliveryId, takenOver.Attempt));
        var t0 = DateTimeOffset.UtcNow;
        static AttemptLogRow Try(int position, string type, int? status, ActionOutcome outcome, string? detail, DateTimeOffset at) =>
            new(position, type, new ActionTry(at, TimeSpan.FromMilliseconds(12), status, outcome, detail));

        await _store.FinishAsync(
        [
            new DeliveryResult(delivered, DeliveryState.Delivered, 2, null, null,
                [Try(0, "SET_STATUS", null, ActionOutcome.Ok, "status EXPIRED", t0), Try(1, "WEBHOOK", 200, ActionOutcome.Ok, null, t0)]),
            new DeliveryResult(failing, DeliveryState.Pending, 1, TimeSpan.FromMinutes(2), "WEBHOOK: HTTP 503",
                [Try(0, "SET_STATUS", null, ActionOutcome.Ok, "status EXPIRED", t0), Try(1, "WEBHOOK", 503, ActionOutcome.Failed, "HTTP 503", t0)]),
            new DeliveryResult(lastChance, DeliveryState.Pending, 1, TimeSpan.FromMinutes(2), "WEBHOOK: timed out",
                [Try(1, "WEBHOOK", null, ActionOutcome.Failed, "timed out", t0)]),
            new DeliveryResult(overrun, DeliveryState.Delivered, 2, null, null, [Try(1, "WEBHOOK", 200, ActionOutcome.Ok, null, t0)]),
        ], "silo-a", maxAttempts: 1, CancellationToken.None);

        var done = await RowAsync(delivered.DeliveryId);
        Assert.Equal(("DELIVERED", 2, (string?)null, (string?)null, true), (done.State, done.NextAction, done.ClaimedBy, done.LastError, done.Completed));
        // maxAttempts 1: the failed first attempts are dead letters, with the failure kept.
        var dead = await RowAsync(failing.DeliveryId);
        Assert.Equal(("DEAD", 1, (string?)null, (string?)"WEBHOOK: HTTP 503", true), (dead.State, dead.NextAction, dead.ClaimedBy, dead.LastError, dead.Completed));
        Assert.Equal("DEAD", (await RowAsync(lastChance.DeliveryId)).State);
        var stillSiloB = await RowAsync(overrun.DeliveryId);
        Assert.Equal(("PENDING", (string?)"silo-b", 2, false), (stillSiloB.State, stillSiloB.ClaimedBy, stillSiloB.Attempts, stillSiloB.Completed));

        var log = await _db.ListAsync<string>(
            """
            SELECT delivery_id || ' ' || attempt || ' ' || action_position || ' ' || action_type || ' ' || coalesce(http_status::text, '-')
                   || ' ' || outcome || ' ' || coalesce(detail, '-') || ' ' || duration_ms || ' ' || silo
            FROM workflow_delivery_attempts ORDER BY delivery_id, attempt_id
            """);
        Assert.Equal(
        [
            $"{delivered.DeliveryId} 1 0 SET_STATUS - OK status EXPIRED 12 silo-a",
            $"{delivered.DeliveryId} 1 1 WEBHOOK 200 OK - 12 silo-a",
            $"{failing.DeliveryId} 1 0 SET_STATUS - OK status EXPIRED 12 silo-a",
            $"{failing.DeliveryId} 1 1 WEBHOOK 503 FAILED HTTP 503 12 silo-a",
            $"{lastChance.DeliveryId} 1 1 WEBHOOK - FAILED timed out 12 silo-a",
            $"{overrun.DeliveryId} 1 1 WEBHOOK 200 OK - 12 silo-a", // the log keeps what happened, even late
        ], log);
    }

    [Fact]
    public async Task A_failed_attempt_within_the_budget_is_due_again_after_its_backoff_and_resumes_at_its_action()
    {
        await AddEventsAsync(1);
        var claim = Assert.Single(await _store.ClaimDueAsync("silo-a", 10, ClaimTimeout, CancellationToken.None)).Claim;

        await _store.FinishAsync(
            [new DeliveryResult(claim, DeliveryState.Pending, 1, TimeSpan.FromMinutes(2), "WEBHOOK: HTTP 503", [])],
            "silo-a", maxAttempts: 8, CancellationToken.None);

        var row = await RowAsync(claim.DeliveryId);
        Assert.Equal(("PENDING", 1, (string?)null, false), (row.State, row.NextAction, row.ClaimedBy, row.Completed));
        Assert.InRange(row.DueInSeconds, 100, 121);
        Assert.Equal(0, await _db.ScalarAsync("SELECT count(*) FROM workflow_delivery_attempts"));
    }

    private sealed record Row(string State, int NextAction, int Attempts, string? ClaimedBy, string? LastError, bool Completed, double DueInSeconds);

    private async Task<Row> RowAsync(long deliveryId)
    {
        await using var cmd = _db.DataSource.CreateCommand(
            """
            SELECT state, next_action, attempts, claimed_by, last_error, completed_at IS NOT NULL,
                   extract(epoch FROM next_attempt_at - now())::float8
            FROM workflow_deliveries WHERE delivery_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = deliveryId });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Row(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetBoolean(5), reader.GetDouble(6));
    }
}
