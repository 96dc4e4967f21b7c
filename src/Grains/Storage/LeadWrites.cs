using Leadline.Grains.Hopper;
using Leadline.Grains.Leads;

namespace Leadline.Grains.Storage;

/// <summary>One change a phone shard hands to the group-commit writer.</summary>
public abstract record LeadWrite(HopperRow? Hopper);

public sealed record NewLeadRow(
    long LeadId,
    long AccountId,
    long ListId,
    long CampaignId,
    NormalizedPhone Phone,
    int Shard,
    LeadFields Fields,
    long CreatedBy,
    DateTimeOffset CreatedAt,
    HopperRow? Hopper,
    string? Region) : LeadWrite(Hopper);

/// <summary>update_if_found: the given fields overwrite, the rest stay.</summary>
public sealed record LeadFieldsUpdate(
    long LeadId,
    long AccountId,
    LeadFields Fields,
    long ModifiedBy,
    DateTimeOffset ModifiedAt,
    HopperRow? Hopper) : LeadWrite(Hopper);

/// <summary>
/// A hopper_entries row, carrying the entry as the campaign's hopper keeps it (told after the commit: a compact
/// struct, no lead details).
/// Re-adding a lead replaces its priority, position and expiry.
/// </summary>
public sealed record HopperRow(long CampaignId, HopperEntry Entry)
{
    public long LeadId => Entry.LeadId;
    public int Priority => Entry.Priority;
    public DateTimeOffset InsertedAt => Entry.InsertedAt;
    public DateTimeOffset? ExpiresAt => Entry.ExpiresAt;
}
