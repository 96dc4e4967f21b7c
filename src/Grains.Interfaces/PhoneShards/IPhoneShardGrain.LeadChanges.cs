namespace Leadline.Grains.PhoneShards;

public partial interface IPhoneShardGrain
{
    /// <summary>
    /// Changes a lead this shard holds under <see cref="LeadUpdateCommand.CurrentE164"/>: fields, list
    /// (and so campaign), phone. A new phone in another shard is handed to that shard, which decides
    /// check_dup / check_dnc there; a refused change changes nothing. Answers after the change committed.
    /// </summary>
    [Alias("update-lead")]
    Task<LeadChangeOutcome> UpdateLeadAsync(LeadUpdateCommand command);

    /// <summary>
    /// Moves a lead to another list (of the same account; the caller resolved <paramref name="newCampaignId"/>
    /// from the list). No dedup check; the shard's index follows, so later check_dup 2/3 see the new list
    /// and campaign; the lead leaves its old campaign's hopper when the campaign changes.
    /// </summary>
    [Alias("move-lead")]
    Task<LeadChangeOutcome> MoveLeadAsync(long leadId, string e164, long newListId, long newCampaignId);

    /// <summary>Soft-deletes a lead: deleted_at set, out of the dedup index and out of its campaign's hopper.</summary>
    [Alias("delete-lead")]
    Task<LeadChangeOutcome> DeleteLeadAsync(long accountId, long leadId, string e164, long deletedBy);

    /// <summary>
    /// The receiving half of a phone change across shards: called by the lead's old shard while it holds
    /// the lead, so nothing else changes it meanwhile. Decides duplicates and DNC for the new phone here,
    /// then writes the whole change.
    /// </summary>
    [Alias("receive-lead")]
    Task<LeadChangeOutcome> ReceiveLeadAsync(LeadArrival arrival);
}
