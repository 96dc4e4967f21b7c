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
    HopperRow? Hopper) : LeadWrite(Hopper);

/// <summary>update_if_found: the given fields overwrite, the rest stay.</summary>
public sealed record LeadFieldsUpdate(
    long LeadId,
    long AccountId,
    LeadFields Fields,
    long ModifiedBy,
    DateTimeOffset ModifiedAt,
    HopperRow? Hopper) : LeadWrite(Hopper);

/// <summary>A hopper_entries row; re-adding a lead replaces its priority, position and expiry.</summary>
public sealed record HopperRow(
    long CampaignId,
    long LeadId,
    int Priority,
    DateTimeOffset InsertedAt,
    DateTimeOffset? ExpiresAt);
