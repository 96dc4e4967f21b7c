using Leadline.Grains.Hopper;

namespace Leadline.Grains.Workflows.Actions;

/// <summary>Puts the lead back in its campaign's hopper with the rule's priority and expiry.</summary>
public sealed class AddToHopperActionHandler(IGrainFactory grains, TimeProvider clock) : IWorkflowActionHandler
{
    public const int DefaultPriority = 99;

    public string Type => WorkflowActionTypes.AddToHopper;

    public async Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        if (work.Event is not { LeadId: { } leadId, CampaignId: { } campaignId })
            return ActionResult.Single(startedAt, TimeSpan.Zero, ActionOutcome.Skipped, "the event has no lead or campaign");

        var result = await grains.GetGrain<IHopperGrain>(campaignId)
            .AddAsync(leadId, action.Priority ?? DefaultPriority, action.ExpiresInMinutes);
        var (outcome, detail) = result switch
        {
            HopperAddResult.Added => (ActionOutcome.Ok, "added"),
            HopperAddResult.Updated => (ActionOutcome.Ok, "re-prioritized"),
            HopperAddResult.NoSuchLead => (ActionOutcome.Skipped, "the lead is no longer in this campaign"),
            HopperAddResult.NotAllowed => (ActionOutcome.Skipped, "the lead may not be dialed now (deleted, archived list, DNC or leased)"),
            _ => (ActionOutcome.Failed, "storage unavailable"),
        };
        return ActionResult.Single(startedAt, clock.GetUtcNow() - startedAt, outcome, detail);
    }
}
