using Leadline.Grains.PhoneShards;
using Npgsql;

namespace Leadline.Grains.Workflows.Actions;

/// <summary>
/// Moves the lead to the rule's list through the phone shard that owns the lead's number, so the dedup
/// index follows (check_dup 2/3 see the new list and campaign) and the lead leaves its old campaign's
/// hopper when the campaign changes.
/// </summary>
public sealed class MoveToListActionHandler(NpgsqlDataSource db, IGrainFactory grains, TimeProvider clock) : IWorkflowActionHandler
{
    public string Type => WorkflowActionTypes.MoveToList;

    public async Task<ActionResult> RunAsync(DeliveryWork work, WorkflowAction action, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        ActionResult Done(ActionOutcome outcome, string detail) => ActionResult.Single(startedAt, clock.GetUtcNow() - startedAt, outcome, detail);

        var accountId = work.Event.AccountId;
        if (work.Event.LeadId is not { } leadId || action.ListId is not { } listId)
            return Done(ActionOutcome.Skipped, "the event has no lead");
        if (await CampaignOfListAsync(accountId, listId, ct) is not { } campaignId)
            return Done(ActionOutcome.Skipped, $"list {listId} no longer exists");

        // The phone as loaded with the delivery; if it changed since, the shard no longer holds the lead,
        // and the move is sent once more to the shard of the number the table has now.
        var e164 = work.Lead?.GetValueOrDefault("phone_e164");
        for (var attempt = 0; attempt < 2 && e164 is not null; attempt++)
        {
            var outcome = await grains.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(accountId, e164))
                .MoveLeadAsync(leadId, e164, listId, campaignId);
            switch (outcome.Result)
            {
                case LeadChangeResult.Changed:
                    return Done(ActionOutcome.Ok, $"moved to list {listId}");
                case LeadChangeResult.StorageUnavailable:
                    return Done(ActionOutcome.Failed, "storage unavailable");
                case LeadChangeResult.NoSuchLead:
                    var current = await PhoneOfLeadAsync(accountId, leadId, ct);
                    e164 = current == e164 ? null : current;
                    break;
                default:
                    return Done(ActionOutcome.Skipped, outcome.Result.ToString());
            }
        }
        return Done(ActionOutcome.Skipped, "the lead no longer exists");
    }

    private async Task<long?> CampaignOfListAsync(long accountId, long listId, CancellationToken ct) =>
        await ScalarAsync("SELECT campaign_id FROM lists WHERE account_id = $1 AND list_id = $2", accountId, listId, ct) as long?;

    private async Task<string?> PhoneOfLeadAsync(long accountId, long leadId, CancellationToken ct) =>
        await ScalarAsync("SELECT phone_e164 FROM leads WHERE account_id = $1 AND lead_id = $2 AND deleted_at IS NULL", accountId, leadId, ct) as string;

    private async Task<object?> ScalarAsync(string sql, long accountId, long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await cmd.ExecuteScalarAsync(ct);
    }
}
