using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>A DNC entry as /v1/dnc/insert added it, and how many leads it took out of hoppers.</summary>
public sealed record DncAdded(long Id, NormalizedPhone Phone, long CampaignId, int HopperRemoved);

/// <summary>A DNC entry /v1/dnc/delete removed, and how many leads got the new status.</summary>
public sealed record DncRemoved(DncEntry Entry, int LeadsUpdated);

/// <summary>
/// Adding and removing one DNC entry from the flat parameters of /v1/dnc/insert and /v1/dnc/delete, for
/// the API and the dashboard alike: always through the phone's shard, so its index and the hoppers follow.
/// </summary>
public sealed class DncOperations(AccountDirectory directory, PhoneShardRefs shards, DncHopperCleaner hoppers, DncQueries queries)
{
    /// <summary>The status column's length (LeadFieldCatalog "status").</summary>
    private static readonly int MaxStatusLength = LeadFieldCatalog.TryGet("status", out var spec) ? spec.MaxLength : 32;

    /// <summary>
    /// Convoso's Insert DNC checks: 6050 no phone_number, 6007 not a phone number, 6026 a bad phone_code, 6006 a
    /// campaign that is not the account's, 6058/6057 a bad reason/purpose; an entry that exists is 6008.
    /// </summary>
    public async Task<(DncAdded? Added, ConvosoError? Error)> AddAsync(long accountId, IReadOnlyDictionary<string, string> values)
    {
        if (!TryPhone(Get(values, PhoneNumber), Get(values, PhoneCode), DncErrors.InvalidPhone, out var phone, out var error)
            || !TryScope(Get(values, CampaignId), DncErrors.InvalidCampaign, out var campaignId, out error)
            || !TryReason(Get(values, Reason), out var reason, out error)
            || !TryPurpose(Get(values, Purpose), out var purpose, out error)
            || (error = await DncScopes.CheckAsync(directory, accountId, campaignId, DncErrors.InvalidCampaign)) is not null)
            return (null, error);
        (reason, purpose) = (Stored(reason), Stored(purpose));

        var outcome = await shards.For(accountId, phone.E164)
            .AddDncBatchAsync(accountId, [new DncNewEntry(phone, campaignId, reason, purpose)]);
        if (outcome.StorageUnavailable)
            return (null, ConvosoErrors.Unavailable);
        if (outcome.Ids[0] == 0)
            return (null, DncErrors.AlreadyExists);
        var removed = await hoppers.RemoveAsync(outcome.Leads);
        return (new DncAdded(outcome.Ids[0], phone, campaignId, removed), null);
    }

    /// <summary>
    /// By id (unknown: 6056), or by phone_number + campaign_id (absent = global; no such entry: 6003);
    /// <paramref name="userId"/> is who changed the leads' status. update_lead_status is a flag (1/true/yes …).
    /// </summary>
    public async Task<(DncRemoved? Removed, ConvosoError? Error)> RemoveAsync(long accountId, long userId, IReadOnlyDictionary<string, string> values)
    {
        var error = TryLeadStatus(values, out var leadStatus);
        DncEntry? entry = null;
        var byId = Get(values, Id) is not null;
        if (error is null)
            (entry, error) = await FindAsync(accountId, values, byId);
        if (error is not null)
            return (null, error);

        var outcome = await shards.For(accountId, entry!.PhoneE164).RemoveDncAsync(accountId, entry.Key, leadStatus, userId);
        return outcome.Result switch
        {
            DncChangeResult.Done => (new DncRemoved(entry, outcome.Leads.Length), null),
            DncChangeResult.NotFound => (null, NotFound(byId)),
            _ => (null, ConvosoErrors.Unavailable),
        };
    }

    private static ConvosoError NotFound(bool byId) => byId ? DncErrors.NoSuchEntry : DncErrors.PhoneNotFound;

    private static ConvosoError? TryLeadStatus(IReadOnlyDictionary<string, string> values, out string? leadStatus)
    {
        leadStatus = null;
        if (!ApiParameters.TryFlag(values, UpdateLeadStatus, false, out var update, out var error)
            || !TryText(Get(values, LeadStatus), LeadStatus, MaxStatusLength, out var status, out error))
            return error;
        if (!update)
            return null; // lead_status alone changes nothing, as in Convoso
        leadStatus = status;
        return status is null ? ConvosoErrors.Required(LeadStatus) : null;
    }

    private async Task<(DncEntry?, ConvosoError?)> FindAsync(long accountId, IReadOnlyDictionary<string, string> values, bool byId)
    {
        DncEntry? entry;
        if (byId)
        {
            if (!ApiParameters.TryId(values, Id, DncErrors.NoSuchEntry, out var dncId, out var idError))
                return (null, idError);
            entry = await queries.FindAsync(accountId, dncId);
        }
        else
        {
            if (Get(values, PhoneNumber) is null)
                return (null, ConvosoErrors.Required($"{Id} or {PhoneNumber}"));
            if (!TryPhone(Get(values, PhoneNumber), Get(values, PhoneCode), DncErrors.InvalidPhone, out NormalizedPhone phone, out var phoneError)
                || !TryScope(Get(values, CampaignId), DncErrors.InvalidCampaign, out var campaignId, out phoneError))
                return (null, phoneError);
            if (await DncScopes.CheckAsync(directory, accountId, campaignId, DncErrors.InvalidCampaign) is { } scopeError)
                return (null, scopeError);
            entry = await queries.FindAsync(accountId, phone.E164, campaignId);
        }
        return entry is null ? (null, NotFound(byId)) : (entry, null);
    }
}
