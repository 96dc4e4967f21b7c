namespace Leadline.Grains.Hopper;

/// <summary>What a dialer needs of a lead to call it.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-lead")]
public sealed record HopperLead(
    [property: Id(0)] long LeadId,
    [property: Id(1)] long ListId,
    [property: Id(2)] string PhoneE164,
    [property: Id(3)] int PhoneCode,
    [property: Id(4)] string PhoneNational,
    [property: Id(5)] string? FirstName,
    [property: Id(6)] string? LastName);

/// <summary>A lead waiting in a campaign's hopper: 99 is dialed first, FIFO within a priority.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-entry")]
public sealed record HopperEntry(
    [property: Id(0)] HopperLead Lead,
    [property: Id(1)] int Priority,
    [property: Id(2)] DateTimeOffset InsertedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt);

/// <summary>An entry handed to one dialer until <see cref="LeasedUntil"/>.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-lease")]
public sealed record HopperLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] HopperEntry Entry,
    [property: Id(2)] DateTimeOffset LeasedUntil);

/// <summary>Ack or release: how many leases it applied to, and the ids that are not (or no longer) leases.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-lease-result")]
public sealed record HopperLeaseResult(
    [property: Id(0)] int Applied,
    [property: Id(1)] Guid[] Unknown);

[GenerateSerializer, Immutable, Alias("leadline.hopper-status")]
public sealed record HopperStatus(
    [property: Id(0)] Dictionary<int, int> ReadyByPriority,
    [property: Id(1)] int Leased,
    [property: Id(2)] DateTimeOffset? OldestInsertedAt,
    [property: Id(3)] DateTimeOffset? NextExpiry);

public enum HopperAddResult
{
    Added,
    Updated,
    NoSuchLead,
    /// <summary>Deleted, in an archived list, on DNC, or leased to a dialer right now.</summary>
    NotAllowed,
    StorageUnavailable,
}
