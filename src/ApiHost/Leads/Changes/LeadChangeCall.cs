using Leadline.ApiHost.Convoso;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Changes;

/// <summary>
/// Sends a change of one lead to the shard of its phone. The phone is read from the table first; should the
/// lead's phone change between that read and the shard's answer, the shard no longer holds the lead and
/// the change is sent again to where the lead went.
/// </summary>
public static class LeadChangeCall
{
    private const int Attempts = 3;

    public static async Task<LeadChangeOutcome> SendAsync(
        LeadLocator locator, PhoneShardRefs shards, long accountId, long leadId,
        Func<IPhoneShardGrain, string, Task<LeadChangeOutcome>> change)
    {
        string? previous = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var e164 = await locator.FindPhoneAsync(accountId, leadId);
            if (e164 is null || e164 == previous)
                return LeadChangeOutcome.NoSuchLead;
            var outcome = await change(shards.For(accountId, e164), e164);
            if (outcome.Result != LeadChangeResult.NoSuchLead)
                return outcome;
            previous = e164;
        }
        return LeadChangeOutcome.NoSuchLead;
    }

    /// <summary>The refusal a change's outcome answers with; null when it was made.</summary>
    public static ConvosoError? ErrorOf(LeadChangeOutcome outcome) => outcome.Result switch
    {
        LeadChangeResult.Changed => null,
        LeadChangeResult.NoSuchLead => ConvosoErrors.NoSuchLead,
        LeadChangeResult.Duplicate => ConvosoErrors.Duplicate(outcome.LeadId),
        LeadChangeResult.DoNotCall => ConvosoErrors.DoNotCall,
        _ => ConvosoErrors.Unavailable,
    };
}
