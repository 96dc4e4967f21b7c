using Leadline.Grains.Workflows;
using Leadline.Grains.Workflows.Actions;

namespace Leadline.UnitTests.Workflows;

public class DeliveryRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkflowOptions Options = new() { RetryBaseDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromHours(1) };

    /// <summary>A handler for one type whose outcome per action is scripted by the action's <see cref="WorkflowAction.Status"/> label.</summary>
    private sealed class ScriptedHandler(string type, List<string> calls, Func<WorkflowAction, ActionResult> run) : IWorkflowActionHandler
    {
        public string Type => type;

        public Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct)
        {
            calls.Add(action.Status!);
            return Task.FromResult(run(action));
        }
    }

    private static ActionResult Ok(string detail = "ok") => ActionResult.Single(T0, TimeSpan.FromMilliseconds(5), ActionOutcome.Ok, detail);

    /// <summary>Labels: "ok:…", "fail:…", "skip:…", "throw:…", "twice:…" (a failed try then an ok one).</summary>
    private static ActionResult Scripted(WorkflowAction action)
    {
        var label = action.Status!;
        return label.Split(':')[0] switch
        {
            "ok" => Ok(label),
            "fail" => ActionResult.Single(T0, TimeSpan.FromMilliseconds(7), ActionOutcome.Failed, $"boom {label}"),
            "skip" => ActionResult.Single(T0, TimeSpan.Zero, ActionOutcome.Skipped, "lead gone"),
            "throw" => throw new InvalidOperationException($"grain hiccup {label}"),
            "twice" => new ActionResult(ActionOutcome.Ok,
            [
                new ActionTry(T0, TimeSpan.FromMilliseconds(1), 503, ActionOutcome.Failed, "503"),
                new ActionTry(T0.AddSeconds(1), TimeSpan.FromMilliseconds(1), 200, ActionOutcome.Ok, "200"),
            ]),
            _ => throw new ArgumentException(label),
        };
    }

    private readonly List<string> _calls = [];

    private DeliveryRunner Runner(double random = 0.5, params string[] types) =>
        new((types.Length == 0 ? WorkflowActionTypes.All : types).Select(t => new ScriptedHandler(t, _calls, Scripted)), Options, () => random);

    private static WorkflowAction A(string type, string label) => new() { Type = type, Status = label };

    private static DeliveryWork Work(int nextAction, params WorkflowAction[] actions) => Work(nextAction, attempt: 1, active: true, actions);

    private static DeliveryWork Work(int nextAction, int attempt, bool active, params WorkflowAction[] actions) =>
        new(new ClaimedDelivery(DeliveryId: 11, Attempt: attempt, NextAction: nextAction),
            new WorkflowEvent(101, 9, "HOPPER_EXPIRE", 3, 42, "{}", T0),
            RuleId: 5, RuleName: "r", RuleActive: active, Actions: actions, Lead: null);

    private static readonly WorkflowAction[] ThreeOk =
    [
        A(WorkflowActionTypes.Webhook, "ok:a"),
        A(WorkflowActionTypes.SetStatus, "ok:b"),
        A(WorkflowActionTypes.AddToHopper, "ok:c"),
    ];

    [Fact]
    public async Task All_ok_runs_every_action_in_order_and_is_delivered_with_next_action_the_count()
    {
        var work = Work(0, ThreeOk);
        var result = await Runner().RunAsync(work, CancellationToken.None);

        Assert.Equal(["ok:a", "ok:b", "ok:c"], _calls);
        Assert.Equal(DeliveryState.Delivered, result.State);
        Assert.Equal(3, result.NextAction);
        Assert.Null(result.RetryAfter);
        Assert.Null(result.LastError);
        Assert.Same(work.Claim, result.Claim);
    }

    [Fact]
    public async Task Runs_from_the_claims_next_action()
    {
        var result = await Runner().RunAsync(Work(1, ThreeOk), CancellationToken.None);

        Assert.Equal(["ok:b", "ok:c"], _calls);
        Assert.Equal(DeliveryState.Delivered, result.State);
        Assert.Equal(3, result.NextAction);
        Assert.Equal([1, 2], result.Log.Select(r => r.ActionPosition));
    }

    [Fact]
    public async Task Same_type_twice_runs_both_in_order()
    {
        var result = await Runner().RunAsync(
            Work(0, A(WorkflowActionTypes.Webhook, "ok:1"), A(WorkflowActionTypes.SetStatus, "ok:2"), A(WorkflowActionTypes.Webhook, "ok:3")),
            CancellationToken.None);

        Assert.Equal(["ok:1", "ok:2", "ok:3"], _calls);
        Assert.Equal(DeliveryState.Delivered, result.State);
    }

    [Fact]
    public async Task Stops_at_the_first_failure_and_is_pending_at_that_position()
    {
        var result = await Runner().RunAsync(
            Work(0, A(WorkflowActionTypes.Webhook, "ok:a"), A(WorkflowActionTypes.SetStatus, "fail:b"), A(WorkflowActionTypes.AddToHopper, "ok:c")),
            CancellationToken.None);

        Assert.Equal(["ok:a", "fail:b"], _calls);
        Assert.Equal(DeliveryState.Pending, result.State);
        Assert.Equal(1, result.NextAction);
        Assert.Equal("SET_STATUS: boom fail:b", result.LastError);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(1, 0.99)]
    [InlineData(4, 0.25)]
    [InlineData(12, 0.5)]
    public async Task A_failure_retries_after_the_retry_schedules_delay_for_the_claims_attempt(int attempt, double random)
    {
        var result = await Runner(random).RunAsync(
            Work(0, attempt, active: true, A(WorkflowActionTypes.Webhook, "fail:a")), CancellationToken.None);

        Assert.Equal(RetrySchedule.DelayAfter(attempt, Options.RetryBaseDelay, Options.RetryMaxDelay, random), result.RetryAfter);
    }

    [Fact]
    public async Task A_failure_on_the_first_attempt_with_random_zero_waits_half_the_base_delay()
    {
        var result = await Runner(0).RunAsync(Work(0, A(WorkflowActionTypes.Webhook, "fail:a")), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(15), result.RetryAfter);
    }

    [Fact]
    public async Task A_skipped_action_does_not_stop_the_run()
    {
        var result = await Runner().RunAsync(
            Work(0, A(WorkflowActionTypes.Webhook, "ok:a"), A(WorkflowActionTypes.SetStatus, "skip:b"), A(WorkflowActionTypes.AddToHopper, "ok:c")),
            CancellationToken.None);

        Assert.Equal(["ok:a", "skip:b", "ok:c"], _calls);
        Assert.Equal(DeliveryState.Delivered, result.State);
        Assert.Equal(3, result.NextAction);
        Assert.Equal(ActionOutcome.Skipped, result.Log[1].Try.Outcome);
    }

    [Fact]
    public async Task An_inactive_rule_is_cancelled_and_no_handler_runs()
    {
        var result = await Runner().RunAsync(Work(1, attempt: 3, active: false, ThreeOk), CancellationToken.None);

        Assert.Empty(_calls);
        Assert.Equal(DeliveryState.Cancelled, result.State);
        Assert.Equal(1, result.NextAction);
        Assert.Null(result.RetryAfter);
        Assert.NotNull(result.LastError);
        Assert.Empty(result.Log);
    }

    [Fact]
    public async Task A_handler_that_throws_counts_as_failed()
    {
        var result = await Runner().RunAsync(
            Work(0, A(WorkflowActionTypes.Webhook, "ok:a"), A(WorkflowActionTypes.SetStatus, "throw:b"), A(WorkflowActionTypes.AddToHopper, "ok:c")),
            CancellationToken.None);

        Assert.Equal(["ok:a", "throw:b"], _calls);
        Assert.Equal(DeliveryState.Pending, result.State);
        Assert.Equal(1, result.NextAction);
        Assert.NotNull(result.RetryAfter);
        Assert.Equal("SET_STATUS: InvalidOperationException: grain hiccup throw:b", result.LastError);
        var row = result.Log[^1];
        Assert.Equal((1, "SET_STATUS", ActionOutcome.Failed), (row.ActionPosition, row.ActionType, row.Try.Outcome));
    }

    [Fact]
    public async Task A_cancellation_is_not_recorded_as_a_failure_but_propagates()
    {
        using var cts = new CancellationTokenSource();
        var handler = new CancellingHandler(cts);
        var runner = new DeliveryRunner([handler], Options, () => 0.5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runner.RunAsync(Work(0, A(WorkflowActionTypes.Webhook, "x")), cts.Token));
    }

    private sealed class CancellingHandler(CancellationTokenSource cts) : IWorkflowActionHandler
    {
        public string Type => WorkflowActionTypes.Webhook;

        public Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct)
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(Ok());
        }
    }

    [Fact]
    public async Task An_action_type_without_a_handler_is_skipped_and_the_run_continues()
    {
        var runner = Runner(0.5, WorkflowActionTypes.Webhook, WorkflowActionTypes.AddToHopper);
        var result = await runner.RunAsync(
            Work(0, A(WorkflowActionTypes.Webhook, "ok:a"), A("TELEPORT", "ok:b"), A(WorkflowActionTypes.AddToHopper, "ok:c")),
            CancellationToken.None);

        Assert.Equal(["ok:a", "ok:c"], _calls);
        Assert.Equal(DeliveryState.Delivered, result.State);
        Assert.Equal(3, result.NextAction);
        var row = result.Log[1];
        Assert.Equal((1, "TELEPORT", ActionOutcome.Skipped), (row.ActionPosition, row.ActionType, row.Try.Outcome));
        Assert.Contains("TELEPORT", row.Try.Detail);
    }

    [Fact]
    public async Task Log_rows_carry_the_position_and_type_of_each_try()
    {
        var result = await Runner().RunAsync(
            Work(1,
                A(WorkflowActionTypes.Webhook, "ok:not-run"),
                A(WorkflowActionTypes.Webhook, "twice:a"),
                A(WorkflowActionTypes.SetStatus, "skip:b"),
                A(WorkflowActionTypes.MoveToList, "fail:c"),
                A(WorkflowActionTypes.AddToHopper, "ok:not-reached")),
            CancellationToken.None);

        Assert.Equal(
            [
                (1, "WEBHOOK", ActionOutcome.Failed, (int?)503),
                (1, "WEBHOOK", ActionOutcome.Ok, 200),
                (2, "SET_STATUS", ActionOutcome.Skipped, null),
                (3, "MOVE_TO_LIST", ActionOutcome.Failed, null),
            ],
            result.Log.Select(r => (r.ActionPosition, r.ActionType, r.Try.Outcome, r.Try.HttpStatus)).ToArray());
        Assert.Equal(3, result.NextAction);
        Assert.Equal(DeliveryState.Pending, result.State);
    }

    [Fact]
    public async Task A_claim_already_past_the_last_action_is_delivered_without_running_anything()
    {
        var result = await Runner().RunAsync(Work(3, ThreeOk), CancellationToken.None);

        Assert.Empty(_calls);
        Assert.Equal(DeliveryState.Delivered, result.State);
        Assert.Equal(3, result.NextAction);
        Assert.Empty(result.Log);
    }
}
