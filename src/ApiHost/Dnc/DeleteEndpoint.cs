using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// POST /v1/dnc/delete: removes an entry, by id or by phone_number + campaign_id (absent = global). The
/// shard deletes the row and forgets the scope before the answer, so the next insert with check_dnc
/// passes. update_lead_status=1 with lead_status sets that status on the account's leads with the number
/// (only the campaign's leads for a campaign entry), in the same transaction as the delete.
/// </summary>
public static class DeleteEndpoint
{
    /// <summary>The status column's length (LeadFieldCatalog "status").</summary>
    private static readonly int MaxStatusLength = LeadFieldCatalog.TryGet("status", out var spec) ? spec.MaxLength : 32;

    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory,
        PhoneShardRefs shards, DncQueries queries)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        string? leadStatus = null;
        if (error is null)
            error = TryLeadStatus(call!.Values, out leadStatus);
        DncEntry? entry = null;
        if (error is null)
            (entry, error) = await FindAsync(call!, directory, queries);
        if (error is null)
        {
            var outcome = await shards.For(call!.AccountId, entry!.PhoneE164)
                .RemoveDncAsync(call.AccountId, entry.Key, leadStatus, call.Token.UserId);
            error = outcome.Result switch
            {
                DncChangeResult.Done => null,
                DncChangeResult.NotFound => DncErrors.NoSuchEntry,
                _ => ConvosoErrors.Unavailable,
            };
            if (error is null)
            {
                await ApiResponses.WriteSuccessAsync(http.Response, json =>
                {
                    json.WriteString("id", ApiResponses.Id(entry.Id));
                    json.WriteBoolean("deleted", true);
                    json.WriteNumber("leads_updated", outcome.Leads.Length);
                });
                return;
            }
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    private static ConvosoError? TryLeadStatus(IReadOnlyDictionary<string, string> values, out string? leadStatus)
    {
        leadStatus = null;
        if (!ApiParameters.TryRange(values, UpdateLeadStatus, 0, 1, 0, Errors, out var update, out var error)
            || !TryText(Get(values, LeadStatus), LeadStatus, MaxStatusLength, out var status, out error))
            return error;
        if (update == 0)
            return null; // lead_status alone changes nothing, as in Convoso
        leadStatus = status;
        return status is null ? Errors.Required(LeadStatus) : null;
    }

    private static async Task<(DncEntry?, ConvosoError?)> FindAsync(ApiCall call, AccountDirectory directory, DncQueries queries)
    {
        DncEntry? entry;
        if (Get(call.Values, Id) is not null)
        {
            if (!ApiParameters.TryId(call.Values, Id, DncErrors.NoSuchEntry, Errors, out var dncId, out var idError))
                return (null, idError);
            entry = await queries.FindAsync(call.AccountId, dncId);
        }
        else
        {
            if (Get(call.Values, PhoneNumber) is null)
                return (null, Errors.Required($"{Id} or {PhoneNumber}"));
            if (!TryPhone(Get(call.Values, PhoneNumber), Get(call.Values, PhoneCode), out NormalizedPhone phone, out var phoneError)
                || !TryScope(Get(call.Values, CampaignId), out var campaignId, out phoneError))
                return (null, phoneError);
            if (await DncScopes.CheckAsync(directory, call.AccountId, campaignId) is { } scopeError)
                return (null, scopeError);
            entry = await queries.FindAsync(call.AccountId, phone.E164, campaignId);
        }
        return entry is null ? (null, DncErrors.NoSuchEntry) : (entry, null);
    }
}
