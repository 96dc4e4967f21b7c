namespace Leadline.Grains.Hopper;

/// <summary>What a dialer needs of a lead to call it: read from leads when the entry is leased, never kept in memory.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-lead")]
public sealed record HopperLead(
    [property: Id(0)] long LeadId,
    [property: Id(1)] long ListId,
    [property: Id(2)] string PhoneE164,
    [property: Id(3)] int PhoneCode,
    [property: Id(4)] string PhoneNational,
    [property: Id(5)] string? FirstName,
    [property: Id(6)] string? LastName);

/// <summary>
/// A lead waiting in a campaign's hopper: 99 is dialed first, FIFO within a priority. Only what ordering,
/// expiry and stale-notice rules need (a struct, no strings): commit notices carry arrays of these, and
/// the lead's details are read when it is leased. Alias ".2": the entry no longer carries the lead.
/// <see cref="Region"/> is the lead's dial region (leads.dial_region, see DialRegions): which calling hours apply;
/// null = unknown zone.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-entry.2")]
public readonly record struct HopperEntry(
    [property: Id(0)] long LeadId,
    [property: Id(1)] int Priority,
    [property: Id(2)] DateTimeOffset InsertedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] string? Region = null)
{
    /// <summary>
    /// In a commit notice: the writer did not know the region (an update of an existing lead keeps the one its row
    /// holds); the hopper reads it from hopper_entries before queueing the entry.
    /// </summary>
    public const string RegionInTable = "?";
}

/// <summary>An entry handed to one dialer until <see cref="LeasedUntil"/>, with the lead as it was when leased.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-lease.2")]
public sealed record HopperLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] HopperLead Lead,
    [property: Id(2)] int Priority,
    [property: Id(3)] DateTimeOffset LeasedUntil);

/// <summary>One dialer's pull: several that arrive together are leased with one statement (see IHopperGrain.PullManyAsync).</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-pull")]
public sealed record HopperPull(
    [property: Id(0)] int Count,
    [property: Id(1)] TimeSpan LeaseFor,
    [property: Id(2)] string Dialer);

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
    [property: Id(3)] DateTimeOffset? NextExpiry)
{
    /// <summary>READY entries that may not be handed out now: outside their calling hours, or their number's attempts are capped.</summary>
    [Id(4)] public int Waiting { get; init; }

    /// <summary>The loader's last cycle, null before the first.</summary>
    [Id(5)] public HopperLoadResult? LastLoad { get; init; }
}

/// <summary>One loader cycle: how many entries it added, how many lead rows it read to find them, and how long it took.</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-load-result")]
public sealed record HopperLoadResult(
    [property: Id(0)] int Loaded,
    [property: Id(1)] int Scanned,
    [property: Id(2)] TimeSpan Took,
    [property: Id(3)] DateTimeOffset At);

public enum HopperAddResult
{
    Added,
    Updated,
    NoSuchLead,
    /// <summary>Deleted, in an archived list, on DNC, or leased to a dialer right now.</summary>
    NotAllowed,
    StorageUnavailable,
}
