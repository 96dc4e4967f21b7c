namespace Leadline.Grains.PhoneShards;

/// <summary>
/// DNC changes. The shard keeps its index and the dnc table in step, so the next insert with check_dnc
/// sees every change the API has acknowledged. DNC changes of one shard run one at a time.
/// </summary>
public partial interface IPhoneShardGrain
{
    /// <summary>Adds entries whose numbers this shard owns; a number that already has the scope is not an error.</summary>
    [Alias("add-dnc-batch")]
    Task<DncBatchOutcome> AddDncBatchAsync(long accountId, DncNewEntry[] entries);

    /// <summary>
    /// Deletes the entry (this shard owns <see cref="DncEntryKey.E164"/>); with <paramref name="leadStatus"/>,
    /// sets that status on the account's leads with the number in the entry's scope, in the same transaction.
    /// </summary>
    [Alias("remove-dnc")]
    Task<DncChangeOutcome> RemoveDncAsync(long accountId, DncEntryKey entry, string? leadStatus, long modifiedByUserId);

    /// <summary>
    /// Rewrites the entry as <paramref name="replacement"/>; called on the shard of the NEW number (null
    /// reason or purpose keep the old value). When the old number belongs to another shard, the caller
    /// then asks that shard to <see cref="SyncDncAsync"/> the old number and scope.
    /// </summary>
    [Alias("update-dnc")]
    Task<DncChangeOutcome> UpdateDncAsync(long accountId, DncEntryKey current, DncNewEntry replacement);

    /// <summary>Re-reads whether the number has the scope in the table and makes the index agree.</summary>
    [Alias("sync-dnc")]
    Task<DncChangeResult> SyncDncAsync(long accountId, string e164, long campaignId);
}
