using Leadline.Grains.Leads;

namespace Leadline.Grains.PhoneShards;

/// <summary>A DNC entry to add (campaign 0 = the whole account), or what an existing entry becomes.</summary>
[GenerateSerializer, Immutable, Alias("leadline.dnc-new-entry")]
public sealed record DncNewEntry(
    [property: Id(0)] NormalizedPhone Phone,
    [property: Id(1)] long CampaignId,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string? Purpose);

/// <summary>
/// An existing entry as the caller last read it. The shard changes the row only while it still has this
/// number and scope, so two concurrent changes of one entry cannot both apply to a stale view.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.dnc-entry-key")]
public sealed record DncEntryKey(
    [property: Id(0)] long DncId,
    [property: Id(1)] string E164,
    [property: Id(2)] long CampaignId);

/// <summary>A lead the shard knows with a DNC entry's number and in its scope: what must leave hoppers.</summary>
[GenerateSerializer, Immutable, Alias("leadline.dnc-lead")]
public readonly record struct DncLead(
    [property: Id(0)] long LeadId,
    [property: Id(1)] long CampaignId);

/// <summary>
/// The answer to a batch of DNC adds: per entry, in order, its new id or 0 when the number already had
/// that scope (also a repeat within the batch); and the leads the new entries cover.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.dnc-batch-outcome")]
public sealed record DncBatchOutcome(
    [property: Id(0)] bool StorageUnavailable,
    [property: Id(1)] long[] Ids,
    [property: Id(2)] DncLead[] Leads)
{
    public static DncBatchOutcome Unavailable { get; } = new(true, [], []);
}

public enum DncChangeResult
{
    Done,
    /// <summary>No entry with that id, number and scope in the account (deleted or changed meanwhile).</summary>
    NotFound,
    /// <summary>The new number and scope already have an entry.</summary>
    AlreadyExists,
    StorageUnavailable,
}

/// <summary>What a DNC update or delete did, and the leads concerned (new scope, or the deleted one's).</summary>
[GenerateSerializer, Immutable, Alias("leadline.dnc-change-outcome")]
public sealed record DncChangeOutcome(
    [property: Id(0)] DncChangeResult Result,
    [property: Id(1)] DncLead[] Leads)
{
    public static DncChangeOutcome Of(DncChangeResult result) => new(result, []);
}
