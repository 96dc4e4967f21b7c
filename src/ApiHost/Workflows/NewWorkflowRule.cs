using Leadline.Grains.Workflows;

namespace Leadline.ApiHost.Workflows;

/// <summary>A rule as an operator creates it: what fires it, where, and what it does, in order.</summary>
public sealed record NewWorkflowRule(string Name, string TriggerEvent, long? CampaignId, bool Enabled, IReadOnlyList<WorkflowAction> Actions);
