using Leadline.Grains.Workflows.Actions;

namespace Leadline.Grains.Workflows;

/// <summary>
/// Runs one attempt of a delivery: the rule's actions in order from where the last attempt stopped.
/// The first failure ends the attempt, and the next one resumes at that action, so an action that
/// succeeded (a status set, a webhook delivered) is not repeated because a later one failed.
/// </summary>
public sealed class DeliveryRunner(IEnumerable<IWorkflowActionHandler> handlers, WorkflowOptions options, Func<double> random)
{
    private readonly Dictionary<string, IWorkflowActionHandler> _handlers = handlers.ToDictionary(h => h.Type);

    public async Task<DeliveryResult> RunAsync(DeliveryWork work, CancellationToken ct)
    {
        var claim = work.Claim;
        if (!work.RuleActive)
            return new DeliveryResult(claim, DeliveryState.Cancelled, claim.NextAction, null, "the rule was disabled or deleted", []);

        var log = new List<AttemptLogRow>();
        for (var position = claim.NextAction; position < work.Actions.Count; position++)
        {
            var action = work.Actions[position];
            ActionResult result;
            try
            {
                result = _handlers.TryGetValue(action.Type, out var handler)
                    ? await handler.RunAsync(work, action, ct)
                    : ActionResult.Single(DateTimeOffset.UtcNow, TimeSpan.Zero, ActionOutcome.Skipped, $"no handler for {action.Type}");
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // A grain or database hiccup: this action is tried again on the schedule.
                result = ActionResult.Single(DateTimeOffset.UtcNow, TimeSpan.Zero, ActionOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}");
            }
            log.AddRange(result.Tries.Select(t => new AttemptLogRow(position, action.Type, t)));

            if (result.Outcome == ActionOutcome.Failed)
            {
                var delay = RetrySchedule.DelayAfter(claim.Attempt, options.RetryBaseDelay, options.RetryMaxDelay, random());
                return new DeliveryResult(claim, DeliveryState.Pending, position, delay, $"{action.Type}: {result.Error}", log);
            }
        }
        return new DeliveryResult(claim, DeliveryState.Delivered, work.Actions.Count, null, null, log);
    }
}
