using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// /v1/dnc/search (Convoso's Search DNC): the account's DNC entries by id, campaign_id (0 = global ones), number
/// (any format), insert date, reason and purpose (-BLANK- / -NOTBLANK-), in id order, paged by offset and limit.
/// Answers Convoso's page: <c>data:{offset, limit, total (a string), entries:[…string values…]}</c>.
/// </summary>
public static class SearchEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Dnc, ApiDialect.Convoso, "Search DNC entries (Convoso's Search DNC)")
    {
        Parameters =
        [
            new(Id, ApiParameterType.Id, "One entry by its id"),
            new(CampaignId, ApiParameterType.Integer, "0: the account-wide (global) entries; a campaign: that campaign's entries"),
            new(PhoneNumber, ApiParameterType.Phone, "The number, in any common format (matched normalized, with phone_code)"),
            new(PhoneCode, ApiParameterType.Integer, "Country calling code of phone_number; default 1"),
            new(InsertDate, ApiParameterType.Date, "One UTC day, YYYY-MM-DD (a YYYY-MM-DD hh:mm:ss value counts as its day)"),
            new(InsertDateStart, ApiParameterType.Date, "Leadline: first UTC day of a range (inclusive), YYYY-MM-DD"),
            new(InsertDateEnd, ApiParameterType.Date, "Leadline: last UTC day of a range (inclusive), YYYY-MM-DD"),
            new(Reason, ApiParameterType.Text, "Exact reason, or -BLANK- (none) / -NOTBLANK- (any)"),
            new(Purpose, ApiParameterType.Text, "Exact purpose, or -BLANK- (none) / -NOTBLANK- (any)"),
            new(Offset, ApiParameterType.Integer, $"Entries to skip, 0–{DncSearchQuery.MaxOffset}; default 0"),
            new(Limit, ApiParameterType.Integer, $"Entries to answer, 1–{DncSearchQuery.MaxLimit}; default {DncSearchQuery.DefaultLimit}"),
        ],
        ExampleAnswer = """{"success":true,"data":{"offset":0,"limit":100,"total":"1","entries":[{"id":"17","phone_number":"7275551212","campaign_id":"0","insert_date":"2026-11-27T08:00:00.123Z","phone_code":"1","purpose":"","reason":"asked not to call","phone_e164":"+17275551212","modified_at":"2026-11-27T08:00:00.123Z","campaign_name":"Global DNC"}]}}""",
    };

    internal static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, DncQueries queries)
    {
        var (filter, error) = DncSearchParser.Parse(request.AccountId, request.Values);
        error ??= await DncScopes.CheckAsync(directory, request.AccountId, filter!.CampaignId ?? 0, DncErrors.InvalidCampaign);
        if (error is not null)
            return ApiResult.Refused(error);
        var (total, entries) = await queries.SearchAsync(filter!);
        return ApiResult.Page(filter!.Offset, filter.Limit, total, entries, (json, entry) => entry.WriteSearchFields(json));
    }
}
