using Leadline.Grains.Leads;

namespace Leadline.Grains.PhoneShards;

/// <summary>
/// Every dedup and DNC decision for the phones of one shard of one account. Key: see
/// <see cref="PhoneShardKey"/>. Partial: each family of operations (insert, DNC, lead changes) has its own file.
/// </summary>
[Alias("leadline.phone-shard")]
public partial interface IPhoneShardGrain : IGrainWithStringKey
{
    /// <summary>Decides DNC and duplicates and, when accepted, answers only after the lead is committed.</summary>
    [Alias("insert")]
    Task<InsertOutcome> InsertAsync(LeadInsertCommand command);

    /// <summary>Adds a DNC entry (campaignId 0 = account-wide); takes effect for the next insert.</summary>
    [Alias("add-dnc")]
    Task<DncAddOutcome> AddDncAsync(long accountId, NormalizedPhone phone, long campaignId, string? reason);

    /// <summary>Tells the shard a list was archived or unarchived (what check_dup_archive looks at).</summary>
    [Alias("list-archived")]
    Task SetListArchivedAsync(long listId, bool archived);
}
