namespace Leadline.Grains.PhoneShards;

public partial interface IPhoneShardGrain
{
    /// <summary>
    /// A list moved to another campaign: the shard's leads of that list (in memory and in <c>leads</c>)
    /// take the list's campaign as the lists table has it (<paramref name="campaignId"/> is what the caller
    /// just wrote there), and inserts into the list from now on use it even when their caller still had the
    /// old campaign cached. Idempotent; throws <see cref="StorageUnavailableException"/> when the rows could
    /// not be updated (the caller retries).
    /// </summary>
    [Alias("list-campaign")]
    Task SetListCampaignAsync(long listId, long campaignId);
}
