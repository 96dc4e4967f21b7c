namespace Leadline.Grains.Workflows.Actions;

/// <summary>Runs one action type. Failed is retried later (from this action); Skipped moves on.</summary>
public interface IWorkflowActionHandler
{
    string Type { get; }

    Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct);
}
