namespace Leadline.Grains.Workflows;

/// <summary>A delivery this silo just claimed; <see cref="Attempt"/> fences its result against a later claim.</summary>
public sealed record ClaimedDelivery(long DeliveryId, int Attempt, int NextAction);

/// <summary>A row of workflow_events.</summary>
public sealed record WorkflowEvent(
    long EventId, long AccountId, string Type, long? CampaignId, long? LeadId, string PayloadJson, DateTimeOffset OccurredAt);

/// <summary>Everything one attempt needs: the event, its rule with the actions in order, and the lead as it is now.</summary>
public sealed record DeliveryWork(
    ClaimedDelivery Claim,
    WorkflowEvent Event,
    long RuleId,
    string RuleName,
    bool RuleActive,
    IReadOnlyList<WorkflowAction> Actions,
    IReadOnlyDictionary<string, string?>? Lead);

public enum ActionOutcome
{
    Ok,
    Failed,
    /// <summary>Nothing to do (e.g. the lead is gone): not retried, the next action runs.</summary>
    Skipped,
}

/// <summary>One try of one action, as the per-attempt log shows it.</summary>
public sealed record ActionTry(DateTimeOffset StartedAt, TimeSpan Duration, int? HttpStatus, ActionOutcome Outcome, string? Detail);

public sealed record ActionResult(ActionOutcome Outcome, IReadOnlyList<ActionTry> Tries)
{
    public string? Error => Outcome == ActionOutcome.Failed ? Tries.LastOrDefault()?.Detail : null;

    public static ActionResult Single(DateTimeOffset startedAt, TimeSpan duration, ActionOutcome outcome, string? detail) =>
        new(outcome, [new ActionTry(startedAt, duration, null, outcome, detail)]);
}

public enum DeliveryState
{
    Pending,
    Delivered,
    Dead,
    Cancelled,
}

/// <summary>A logged try, tagged with the action it belongs to.</summary>
public sealed record AttemptLogRow(int ActionPosition, string ActionType, ActionTry Try);

/// <summary>How an attempt ended: what to write back, in one transaction.</summary>
public sealed record DeliveryResult(
    ClaimedDelivery Claim,
    DeliveryState State,
    int NextAction,
    TimeSpan? RetryAfter,
    string? LastError,
    IReadOnlyList<AttemptLogRow> Log);
