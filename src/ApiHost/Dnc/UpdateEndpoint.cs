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

    /// <summary>A validated update of an existing entry of the caller's account.</summary>
    private sealed record Resolved(long AccountId, DncEntry Entry, DncNewEntry Replacement);

    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory,
        PhoneShardRefs shards, DncQueries queries, DncHopperCleaner hoppers, ILoggerFactory loggers)
    {
        var (update, error) = await ResolveAsync(http, auth, directory, queries);
        if (update is not null)
        {
            var (accountId, entry, replacement) = update;
            var outcome = await shards.For(accountId, replacement.Phone.E164).UpdateDncAsync(accountId, entry.Key, replacement);
            error = outcome.Result switch
            {
                DncChangeResult.Done => null,
                DncChangeResult.NotFound => DncErrors.NoSuchEntry,
                DncChangeResult.AlreadyExists => DncErrors.AlreadyExists,
                _ => ConvosoErrors.Unavailable,
            };
            if (error is null)
            {
                if (PhoneShardKey.ShardOf(entry.PhoneE164) != PhoneShardKey.ShardOf(replacement.Phone.E164))
                    await ForgetOldScopeAsync(shards.For(accountId, entry.PhoneE164), accountId, entry, loggers.CreateLogger(typeof(UpdateEndpoint)));
                var removed = await hoppers.RemoveAsync(outcome.Leads);
                var shown = await queries.FindAsync(accountId, entry.Id) ?? AsWritten(update);
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

    private static async Task<(Resolved?, ConvosoError?)> ResolveAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, DncQueries queries)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        if (error is not null)
            return (null, error);
        var (change, changeError) = Parse(call!.Values);
        if (changeError is not null)
            return (null, changeError);
        if (await queries.FindAsync(call.AccountId, change!.DncId) is not { } entry)
            return (null, DncErrors.NoSuchEntry);
        if (!TryNewPhone(entry, change, out var phone, out error))
            return (null, error);
        var campaignId = change.CampaignId ?? entry.CampaignId;
        if (await DncScopes.CheckAsync(directory, call.AccountId, campaignId) is { } scopeError)
            return (null, scopeError);
        return (new Resolved(call.AccountId, entry, new DncNewEntry(phone, campaignId, change.Reason, change.Purpose)), null);
    }

    /// <summary>The entry as the update wrote it, for the rare answer after it was deleted meanwhile.</summary>
    private static DncEntry AsWritten(Resolved update)
    {
        var (_, entry, replacement) = update;
        return entry with
        {
            CampaignId = replacement.CampaignId, PhoneCode = replacement.Phone.CountryCode, PhoneNumber = replacement.Phone.National,
            PhoneE164 = replacement.Phone.E164, Reason = replacement.Reason ?? entry.Reason, Purpose = replacement.Purpose ?? entry.Purpose,
        };
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
        if (!ApiParameters.TryId(values, Id, DncErrors.NoSuchEntry, out var dncId, out var error))
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
