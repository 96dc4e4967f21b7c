namespace Leadline.Grains.PhoneShards;

/// <summary>
/// A lead as a phone shard knows it: enough to answer every dedup scope. <see cref="Commit"/> is
/// pending while the lead waits in a write batch; decisions that hinge on such a lead wait for it.
/// </summary>
public sealed class LeadRef(long leadId, long listId, long campaignId, Task? commit = null)
{
    public long LeadId { get; } = leadId;
    public long ListId { get; } = listId;
    public long CampaignId { get; } = campaignId;
    public Task Commit { get; set; } = commit ?? Task.CompletedTask;

    public bool IsCommitted => Commit.IsCompletedSuccessfully;
}
