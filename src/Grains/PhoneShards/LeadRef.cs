namespace Leadline.Grains.PhoneShards;

/// <summary>
/// A lead as a phone shard knows it: enough to answer every dedup scope. <see cref="Commit"/> is
/// pending while the lead waits in a write batch; decisions that hinge on such a lead wait for it.
/// <see cref="CreatedAt"/> orders leads: ids are reserved in blocks per silo, so a lower id is not
/// always an older lead.
/// </summary>
public sealed class LeadRef(long leadId, long listId, long campaignId, Task? commit = null, DateTimeOffset createdAt = default)
{
    public long LeadId { get; } = leadId;
    public long ListId { get; } = listId;
    public long CampaignId { get; } = campaignId;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Earlier creation first; the id breaks ties.</summary>
    public bool IsOlderThan(LeadRef other) =>
        CreatedAt != other.CreatedAt ? CreatedAt < other.CreatedAt : LeadId < other.LeadId;
    public Task Commit { get; set; } = commit ?? Task.CompletedTask;

    public bool IsCommitted => Commit.IsCompletedSuccessfully;
}
