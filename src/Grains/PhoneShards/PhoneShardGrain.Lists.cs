using Leadline.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Leadline.Grains.PhoneShards;

public sealed partial class PhoneShardGrain
{
    /// <summary>
    /// Lists that moved to another campaign while this shard was active. API hosts cache a list's campaign
    /// for a few seconds, so an insert may still name the old one; the shard knows better.
    /// </summary>
    private readonly Dictionary<long, long> _movedLists = [];

    public async Task SetListCampaignAsync(long listId, long campaignId)
    {
        _movedLists[listId] = campaignId;

        // Leads still in a write batch carry the old campaign in their row: let them land first, so the
        // UPDATE below catches them. Inserts arriving from now on already use the new campaign.
        foreach (var pending in _index.PendingCommitsOfList(listId))
            await WaitQuietlyAsync(pending);

        try
        {
            // The table has the last word: with two moves of one list racing, every shard ends where the list did.
            if (await store.MoveListLeadsAsync(_accountId, _shard, listId, CancellationToken.None) is not { } current)
            {
                _movedLists.Remove(listId);
                return;
            }
            campaignId = current;
            _movedLists[listId] = campaignId;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Phone shard {Key} could not move list {List}: {Error}", this.GetPrimaryKeyString(), listId, ex.Message);
            this.DeactivateOnIdle(); // reload from the tables; the caller retries the move
            throw new StorageUnavailableException($"Phone shard {this.GetPrimaryKeyString()} could not move list {listId}");
        }

        _index.MoveList(listId, campaignId);
    }

    /// <summary>The command with its list's current campaign, when the list moved while this shard was active.</summary>
    private LeadInsertCommand WithCurrentCampaign(LeadInsertCommand command) =>
        _movedLists.TryGetValue(command.ListId, out var campaignId) && campaignId != command.CampaignId
            ? command with { CampaignId = campaignId }
            : command;
}
