using Leadline.Grains.Leads;

namespace Leadline.Grains.Storage;

/// <summary>
/// One lead's change as a phone shard writes it. <see cref="ExpectedE164"/> guards the row: the change
/// applies only while the lead still has that phone and is not deleted. <see cref="LeaveHopperOf"/> is the
/// campaign whose hopper row goes in the same transaction.
/// </summary>
public sealed record LeadChangeRow(
    long LeadId,
    long AccountId,
    string ExpectedE164,
    NormalizedPhone? Phone,
    int Shard,
    long ListId,
    long CampaignId,
    LeadFields Fields,
    long? ModifiedBy,
    DateTimeOffset ModifiedAt,
    long? LeaveHopperOf);

/// <summary>A soft delete: deleted_at set and the lead's hopper row of <see cref="CampaignId"/> removed.</summary>
public sealed record LeadDeleteRow(long LeadId, long AccountId, string ExpectedE164, long CampaignId, long DeletedBy, DateTimeOffset DeletedAt);
