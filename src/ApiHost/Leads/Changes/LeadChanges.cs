using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Changes;

/// <summary>What an update did: the lead named, the parameters it ignored, and the refusal if any.</summary>
public sealed record LeadChangeAnswer(long LeadId, IReadOnlyList<string> Ignored, ConvosoError? Error);

/// <summary>
/// Updating and deleting one lead from the flat parameters of /v1/leads/update and /v1/leads/delete, for
/// the API and the dashboard alike: through the shard of the lead's phone, so dedup follows the change.
/// </summary>
public sealed class LeadChanges(AccountDirectory directory, PhoneShardRefs shards, LeadLocator locator)
{
    /// <summary><paramref name="userId"/> is recorded as the lead's modified_by.</summary>
    public async Task<LeadChangeAnswer> UpdateAsync(long accountId, long userId, IReadOnlyDictionary<string, string> values)
    {
        var (request, invalid) = LeadUpdateParser.Parse(values, await directory.GetCustomFieldsAsync(accountId));
        if (invalid is not null)
            return new LeadChangeAnswer(0, [], invalid);

        LeadPlacement? placement = null;
        if (request!.ListId is { } listId)
        {
            if (await directory.FindListAsync(accountId, listId) is not { } list)
                return new LeadChangeAnswer(request.LeadId, request.Ignored, ConvosoErrors.NoSuchList);
            placement = new LeadPlacement(list.ListId, list.CampaignId);
        }

        var outcome = await LeadChangeCall.SendAsync(locator, shards, accountId, request.LeadId, (shard, e164) =>
            shard.UpdateLeadAsync(new LeadUpdateCommand(
                accountId, request.LeadId, e164, request.Phone, placement, request.Fields, request.Dedup, userId)));
        return new LeadChangeAnswer(request.LeadId, request.Ignored, LeadChangeCall.ErrorOf(outcome));
    }

    /// <summary>Soft-deletes the lead (out of dedup and its hopper); null when done, else the refusal.</summary>
    public async Task<ConvosoError?> DeleteAsync(long accountId, long userId, long leadId) =>
        LeadChangeCall.ErrorOf(await LeadChangeCall.SendAsync(locator, shards, accountId, leadId, (shard, e164) =>
            shard.DeleteLeadAsync(accountId, leadId, e164, userId)));
}
