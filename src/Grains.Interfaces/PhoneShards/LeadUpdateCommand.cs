using Leadline.Grains.Leads;

namespace Leadline.Grains.PhoneShards;

/// <summary>A list and the campaign it belongs to, resolved by the caller within the lead's account.</summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-placement")]
public sealed record LeadPlacement(
    [property: Id(0)] long ListId,
    [property: Id(1)] long CampaignId);

/// <summary>
/// A validated change of one lead. <see cref="CurrentE164"/> is the phone the caller found the lead under
/// (it names the shard); null <see cref="Phone"/> / <see cref="Placement"/> leave them as they are.
/// <see cref="Fields"/> overwrite the values given and keep the rest. <see cref="Dedup"/> applies when the
/// phone or the list changes: the lead's new place is checked as an insert there would be. Null
/// <see cref="ModifiedBy"/> keeps modified_by (a change no API user made).
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-update")]
public sealed record LeadUpdateCommand(
    [property: Id(0)] long AccountId,
    [property: Id(1)] long LeadId,
    [property: Id(2)] string CurrentE164,
    [property: Id(3)] NormalizedPhone? Phone,
    [property: Id(4)] LeadPlacement? Placement,
    [property: Id(5)] LeadFields Fields,
    [property: Id(6)] DedupOptions Dedup,
    [property: Id(7)] long? ModifiedBy);

/// <summary>
/// A lead coming to a shard with its new phone: the update, and where the lead is now (list, campaign,
/// creation time, which dedup ordering needs) as its old shard knows it.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-arrival")]
public sealed record LeadArrival(
    [property: Id(0)] LeadUpdateCommand Update,
    [property: Id(1)] LeadPlacement From,
    [property: Id(2)] DateTimeOffset CreatedAt);

public enum LeadChangeResult
{
    Changed,
    /// <summary>Unknown, deleted, or another account's lead.</summary>
    NoSuchLead,
    /// <summary>Refused by check_dup; <see cref="LeadChangeOutcome.LeadId"/> is the existing lead.</summary>
    Duplicate,
    /// <summary>Refused by check_dnc.</summary>
    DoNotCall,
    /// <summary>The database did not commit (or could not say); nothing was changed.</summary>
    StorageUnavailable,
}

/// <summary><see cref="LeadId"/>: the changed lead, or for Duplicate the existing one.</summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-change-outcome")]
public sealed record LeadChangeOutcome(
    [property: Id(0)] LeadChangeResult Result,
    [property: Id(1)] long LeadId)
{
    public static LeadChangeOutcome NoSuchLead { get; } = new(LeadChangeResult.NoSuchLead, 0);
    public static LeadChangeOutcome Dnc { get; } = new(LeadChangeResult.DoNotCall, 0);
    public static LeadChangeOutcome Unavailable { get; } = new(LeadChangeResult.StorageUnavailable, 0);
}
