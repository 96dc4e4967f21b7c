namespace Leadline.Grains.PhoneShards;

/// <summary>
/// A lead as a phone shard knows it: enough to answer every dedup scope. A value, not an object: the
/// index stores committed leads packed (<see cref="PhoneIndex"/>) and hands out copies. <see cref="Commit"/>
/// is pending while the lead waits in a write batch or a change; decisions that hinge on such a lead wait
/// for it. <see cref="CreatedAt"/> orders leads: ids are reserved in blocks per silo, so a lower id is not
/// always an older lead. Equality is "the same lead in the same place" (id, list, campaign, creation
/// time), whatever its commit state.
/// </summary>
public readonly struct LeadRef(long leadId, long listId, long campaignId, Task? commit = null, DateTimeOffset createdAt = default)
    : IEquatable<LeadRef>
{
    public long LeadId { get; } = leadId;
    public long ListId { get; } = listId;
    public long CampaignId { get; } = campaignId;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Null for a committed lead; the write or change it waits for otherwise.</summary>
    internal Task? PendingCommit { get; } = commit;

    public Task Commit => PendingCommit ?? Task.CompletedTask;

    public bool IsCommitted => PendingCommit is null || PendingCommit.IsCompletedSuccessfully;

    /// <summary>Earlier creation first; the id breaks ties.</summary>
    public bool IsOlderThan(LeadRef other) =>
        CreatedAt != other.CreatedAt ? CreatedAt < other.CreatedAt : LeadId < other.LeadId;

    public bool Equals(LeadRef other) =>
        LeadId == other.LeadId && ListId == other.ListId && CampaignId == other.CampaignId && CreatedAt == other.CreatedAt;

    public override bool Equals(object? obj) => obj is LeadRef other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(LeadId, ListId, CampaignId, CreatedAt);

    public static bool operator ==(LeadRef left, LeadRef right) => left.Equals(right);

    public static bool operator !=(LeadRef left, LeadRef right) => !left.Equals(right);

    public override string ToString() =>
        $"lead {LeadId} (list {ListId}, campaign {CampaignId}, created {CreatedAt:O}{(IsCommitted ? "" : ", pending")})";
}
