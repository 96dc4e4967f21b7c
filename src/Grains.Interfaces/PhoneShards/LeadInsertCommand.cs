using Leadline.Grains.Leads;

namespace Leadline.Grains.PhoneShards;

/// <summary>A validated insert, already resolved to its account, list and campaign.</summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-insert")]
public sealed record LeadInsertCommand(
    [property: Id(0)] long AccountId,
    [property: Id(1)] long ListId,
    [property: Id(2)] long CampaignId,
    [property: Id(3)] NormalizedPhone Phone,
    [property: Id(4)] DedupOptions Dedup,
    [property: Id(5)] HopperRequest? Hopper,
    [property: Id(6)] LeadFields Fields,
    [property: Id(7)] long CreatedByUserId);
