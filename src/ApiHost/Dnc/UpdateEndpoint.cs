using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// POST /v1/dnc/update: changes an entry (by id) — reason, purpose, and its number or scope. A number or
/// scope change goes through the shards: the new number's shard rewrites the row and adds the new scope
/// to its index; when the old number lives in another shard, that shard then forgets the old scope.
/// </summary>
public static class UpdateEndpoint
{
    private sealed record Change(long DncId, string? Number, string? PhoneCode, long? CampaignId, string? Reason, string? Purpose);

    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory,
        PhoneShardRefs shards, DncQueries queries, DncHopperCleaner hoppers, ILoggerFactory loggers)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        Change? change = null;
        if (error is null)
            (change, error) = Parse(call!.Values);
        DncEntry? entry = null;
        if (error is null && (entry = await queries.FindAsync(call!.AccountId, change!.DncId)) is null)
            error = DncErrors.NoSuchEntry;
        NormalizedPhone phone = null!;
        if (error is null
            && TryNewPhone(entry!, change!, out phone, out error)
            && (error = await DncScopes.CheckAsync(directory, call!.AccountId, change!.CampaignId ?? entry!.CampaignId)) is null)
        {
            var replacement = new DncNewEntry(phone, change.CampaignId ?? entry!.CampaignId, change.Reason, change.Purpose);
            var outcome = await shards.For(call.AccountId, phone.E164).UpdateDncAsync(call.AccountId, entry!.Key, replacement);
            error = outcome.Result switch
            {
                DncChangeResult.Done => null,
                DncChangeResult.NotFound => DncErrors.NoSuchEntry,
                DncChangeResult.AlreadyExists => DncErrors.AlreadyExists,
                _ => ConvosoErrors.Unavailable,
            };
            if (error is null)
            {
                if (PhoneShardKey.ShardOf(entry.PhoneE164) != PhoneShardKey.ShardOf(phone.E164))
                    await ForgetOldScopeAsync(shards.For(call.AccountId, entry.PhoneE164), call.AccountId, entry, loggers.CreateLogger(typeof(UpdateEndpoint)));
                var removed = await hoppers.RemoveAsync(outcome.Leads);
                // Read back for reason/purpose kept from before; should it be deleted meanwhile, show what was written.
                var shown = await queries.FindAsync(call.AccountId, entry.Id) ?? new DncEntry(
                    entry.Id, replacement.CampaignId, phone.CountryCode, phone.National, phone.E164,
                    replacement.Reason ?? entry.Reason, replacement.Purpose ?? entry.Purpose, entry.InsertDate, DateTimeOffset.UtcNow);
                await ApiResponses.WriteSuccessAsync(http.Response, json =>
                {
                    shown.WriteFields(json);
                    json.WriteNumber("hopper_removed", removed);
                });
                return;
            }
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    /// <summary>
    /// The update is committed by now, so it is answered as done whatever happens here. A shard that
    /// cannot re-read the old scope reloads from the tables (its next activation), and until then it errs
    /// on the safe side: the old number stays refused, never a DNC number let through.
    /// </summary>
    private static async Task ForgetOldScopeAsync(IPhoneShardGrain oldShard, long accountId, DncEntry old, ILogger logger)
    {
        try
        {
            if (await oldShard.SyncDncAsync(accountId, old.PhoneE164, old.CampaignId) == DncChangeResult.Done)
                return;
        }
        catch (Exception ex)
        {
            logger.LogWarning("DNC entry {Id} moved; its old shard could not be told: {Error}", old.Id, ex.Message);
            return;
        }
        logger.LogWarning("DNC entry {Id} moved; its old shard could not re-read it and will reload", old.Id);
    }

    private static (Change?, ConvosoError?) Parse(IReadOnlyDictionary<string, string> values)
    {
        if (!ApiParameters.TryId(values, Id, DncErrors.NoSuchEntry, Errors, out var dncId, out var error))
            return (null, error);
        var number = Get(values, PhoneNumber);
        var phoneCode = Get(values, PhoneCode);
        long? campaignId = null;
        if (Get(values, CampaignId) is { } campaignText)
        {
            if (!TryScope(campaignText, out var scope, out error))
                return (null, error);
            campaignId = scope;
        }
        if (!TryPhoneCode(phoneCode, out _, out error)
            || !TryText(Get(values, Reason), Reason, MaxTextLength, out var reason, out error)
            || !TryText(Get(values, Purpose), Purpose, MaxTextLength, out var purpose, out error))
            return (null, error);
        if (number is null && phoneCode is null && campaignId is null && reason is null && purpose is null)
            return (null, DncErrors.NothingToUpdate);
        return (new Change(dncId, number, phoneCode, campaignId, reason, purpose), null);
    }

    /// <summary>The entry's number after the change: a new phone_number and/or phone_code (absent ones keep the entry's).</summary>
    private static bool TryNewPhone(DncEntry entry, Change change, out NormalizedPhone phone, out ConvosoError? error)
    {
        error = null;
        if (change.Number is null && change.PhoneCode is null)
        {
            phone = new NormalizedPhone(entry.PhoneE164, entry.PhoneCode, entry.PhoneNumber);
            return true;
        }
        var code = change.PhoneCode ?? entry.PhoneCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TryPhone(change.Number ?? entry.PhoneNumber, code, out phone, out error);
    }
}
