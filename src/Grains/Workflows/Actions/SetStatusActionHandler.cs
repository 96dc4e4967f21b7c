using Npgsql;

namespace Leadline.Grains.Workflows.Actions;

/// <summary>Sets the lead's status (e.g. "EXPIRED"), as an operator would in Manage Leads.</summary>
public sealed class SetStatusActionHandler(NpgsqlDataSource db, TimeProvider clock) : IWorkflowActionHandler
{
    public string Type => WorkflowActionTypes.SetStatus;

    public async Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        if (work.Event.LeadId is not { } leadId)
            return ActionResult.Single(startedAt, TimeSpan.Zero, ActionOutcome.Skipped, "the event has no lead");

        await using var cmd = db.CreateCommand(
            "UPDATE leads SET status = $1, modified_at = now() WHERE lead_id = $2 AND account_id = $3 AND deleted_at IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action.Status ?? "" });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = leadId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = work.Event.AccountId });
        var updated = await cmd.ExecuteNonQueryAsync(ct);
        return ActionResult.Single(startedAt, clock.GetUtcNow() - startedAt,
            updated == 1 ? ActionOutcome.Ok : ActionOutcome.Skipped,
            updated == 1 ? $"status {action.Status}" : "the lead no longer exists");
    }
}
