using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.ApiHost.V1;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// /v1/dnc/update (Convoso's Update DNC): changes an entry (by id) — reason, purpose, and its number or scope.
/// A number or scope change goes through the shards: the new number's shard rewrites the row and adds the new
/// scope to its index; when the old number lives in another shard, that shard then forgets the old scope.
/// Answers Convoso's top-level integer <c>id</c> (the entry's) and the entry as now stored in <c>data</c>.
/// </summary>
public static class UpdateEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Dnc, ApiDialect.Convoso, "Update a DNC entry (Convoso's Update DNC)")
    {
        Parameters =
        [
            new(Id, ApiParameterType.Id, "The entry's id", Required: true),
            new(PhoneNumber, ApiParameterType.Phone, "A new number, in any common format; absent keeps the entry's"),
            new(PhoneCode, ApiParameterType.Integer, "A new country calling code; absent keeps the entry's"),
            new(CampaignId, ApiParameterType.Integer, "A new scope: 0 is the account-wide (global) list, otherwise one of the account's campaigns"),
            new(Reason, ApiParameterType.Text, "A new reason, at most 255 characters; -BLANK- clears it"),
            new(Purpose, ApiParameterType.Text, "A new purpose, at most 255 characters; -BLANK- clears it"),
        ],
        ExampleAnswer = """{"success":true,"id":17,"data":{"id":"17","phone_number":"7275551212","campaign_id":"0","insert_date":"2026-11-27T08:00:00.123Z","phone_code":"1","purpose":"","reason":"new reason","phone_e164":"+17275551212","modified_at":"2026-11-27T09:00:00.456Z","hopper_removed":0}}""",
    };

    private sealed record Change(long DncId, string? Number, string? PhoneCode, long? CampaignId, string? Reason, string? Purpose);

    /// <summary>A validated update of an existing entry of the caller's account.</summary>
    private sealed record Resolved(long AccountId, DncEntry Entry, DncNewEntry Replacement);

    internal static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory,
        PhoneShardRefs shards, DncQueries queries, DncHopperCleaner hoppers, ILoggerFactory loggers)
    {
        var (update, error) = await ResolveAsync(request, directory, queries);
        if (error is not null)
            return ApiResult.Refused(error);

        var (accountId, entry, replacement) = update!;
        var outcome = await shards.For(accountId, replacement.Phone.E164).UpdateDncAsync(accountId, entry.Key, replacement);
        error = outcome.Result switch
        {
            DncChangeResult.Done => null,
            DncChangeResult.NotFound => DncErrors.NoSuchEntry,
            DncChangeResult.AlreadyExists => DncErrors.CombinationExists,
            _ => ConvosoErrors.Unavailable,
        };
        if (error is not null)
            return ApiResult.Refused(error);

        if (PhoneShardKey.ShardOf(entry.PhoneE164) != PhoneShardKey.ShardOf(replacement.Phone.E164))
            await ForgetOldScopeAsync(shards.For(accountId, entry.PhoneE164), accountId, entry, loggers.CreateLogger(typeof(UpdateEndpoint)));
        var removed = await hoppers.RemoveAsync(outcome.Leads);
        var shown = await queries.FindAsync(accountId, entry.Id) ?? AsWritten(update!);
        return ApiResult.Data(json =>
        {
            shown.WriteFields(json);
            json.WriteNumber("hopper_removed", removed);
        }, after: json => json.WriteNumber("id", entry.Id)); // Convoso's top-level integer id
    }

    /// <summary>
    /// Convoso's Update DNC checks, all before anything changes: 6050 no id or nothing to change, 6056 an id that
    /// is not the account's entry, 6026 a bad phone_code, 6008 a number that is no phone number, 6004 a campaign
    /// that is not the account's, 6058/6057 a bad reason/purpose.
    /// </summary>
    private static async Task<(Resolved?, ConvosoError?)> ResolveAsync(ApiRequest request, AccountDirectory directory, DncQueries queries)
    {
        var (change, error) = Parse(request.Values);
        if (error is not null)
            return (null, error);
        if (await queries.FindAsync(request.AccountId, change!.DncId) is not { } entry)
            return (null, DncErrors.NoSuchEntry);
        if (!TryNewPhone(entry, change, out var phone, out error))
            return (null, error);
        var campaignId = change.CampaignId ?? entry.CampaignId;
        if (await DncScopes.CheckAsync(directory, request.AccountId, campaignId, DncErrors.UnknownCampaign) is { } scopeError)
            return (null, scopeError);
        return (new Resolved(request.AccountId, entry, new DncNewEntry(phone, campaignId, change.Reason, change.Purpose)), null);
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
            if (!TryScope(campaignText, DncErrors.UnknownCampaign, out var scope, out error))
                return (null, error);
            campaignId = scope;
        }
        if (!TryPhoneCode(phoneCode, out _, out error)
            || !TryReason(Get(values, Reason), out var reason, out error)
            || !TryPurpose(Get(values, Purpose), out var purpose, out error))
            return (null, error);
        if (number is null && phoneCode is null && campaignId is null && reason is null && purpose is null)
            return (null, DncErrors.NothingToUpdate);
        return (new Change(dncId, number, phoneCode, campaignId, Cleared(reason), Cleared(purpose)), null);
    }

    /// <summary>-BLANK- sets the value empty (Convoso's Update DNC); absent (null) keeps the entry's.</summary>
    private static string? Cleared(string? value) => value == Blank ? "" : value;

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
        return TryPhone(change.Number ?? entry.PhoneNumber, code, ConvosoErrors.InvalidPhone, out phone, out error);
    }
}
