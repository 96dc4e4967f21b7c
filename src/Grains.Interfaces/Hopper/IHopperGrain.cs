using Leadline.Grains.Campaigns;
using Orleans.Concurrency;

namespace Leadline.Grains.Hopper;

/// <summary>
/// One campaign's hopper (key: campaign id): the priority queue dialers pull from, with leases.
/// Callers check that the campaign belongs to their account first.
/// </summary>
[Alias("leadline.hopper")]
public partial interface IHopperGrain : IGrainWithIntegerKey
{
    /// <summary>Leases up to <paramref name="count"/> READY, unexpired entries in dial order.</summary>
    [Alias("pull")]
    Task<HopperLease[]> PullAsync(int count, TimeSpan leaseFor, string dialer);

    /// <summary>
    /// Several dialers' pulls served together, in the given order, with one lease statement (the API host
    /// groups the pulls that arrive while one is in flight); answer i is for pull i.
    /// </summary>
    [Alias("pull-many")]
    Task<HopperLease[][]> PullManyAsync(HopperPull[] pulls);

    /// <summary>Dialed: the entries leave the hopper; a <paramref name="leadStatus"/> becomes their leads' status.</summary>
    [Alias("ack")]
    Task<HopperLeaseResult> AckAsync(Guid[] leaseIds, string? leadStatus);

    /// <summary>Not dialed: back to READY in their old position.</summary>
    [Alias("release")]
    Task<HopperLeaseResult> ReleaseAsync(Guid[] leaseIds);

    [Alias("status")]
    Task<HopperStatus> StatusAsync();

    /// <summary>Adds (or re-prioritizes) a lead of this campaign; <paramref name="expiresInMinutes"/> null = no expiry.</summary>
    [Alias("add")]
    Task<HopperAddResult> AddAsync(long leadId, int priority, int? expiresInMinutes);

    /// <summary>Takes a lead out; false when it was not in the hopper.</summary>
    [Alias("remove")]
    Task<bool> RemoveAsync(long leadId);

    /// <summary>Entries an insert just committed to hopper_entries; the hopper serves them at once.</summary>
    [Alias("committed")]
    [OneWay]
    Task EntriesCommittedAsync(HopperEntry[] entries);

    /// <summary>The campaign's dial settings changed (sent by its CampaignGrain); the hopper drops its cached copy.</summary>
    [Alias("dial-settings-changed")]
    [OneWay]
    Task DialSettingsChangedAsync(CampaignDialSettings settings);

    /// <summary>Runs one loader cycle now (also what the loader's timer and reminder run) and says what it loaded.</summary>
    [Alias("load-now")]
    Task<HopperLoadResult> LoadNowAsync();
}
