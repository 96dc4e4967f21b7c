using System.Globalization;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// Turns the flat parameters of /v1/dnc/search into a <see cref="DncSearchFilter"/>, or the error for the
/// first wrong value. Whether campaign_id is the account's is checked afterwards against the directory.
/// </summary>
public static class DncSearchParser
{
    public static (DncSearchFilter? Filter, ConvosoError? Error) Parse(long accountId, IReadOnlyDictionary<string, string> values)
    {
        long? id = null;
        if (Get(values, Id) is { } idText)
        {
            if (!ApiParameters.TryParseId(idText, out var parsed))
                return (null, ConvosoErrors.Invalid(Id, "not a DNC id"));
            id = parsed;
        }

        long? campaignId = null;
        if (Get(values, CampaignId) is { } campaignText)
        {
            if (!TryScope(campaignText, out var scope, out var scopeError))
                return (null, scopeError);
            campaignId = scope;
        }

        string? e164 = null;
        if (Get(values, PhoneNumber) is { } number)
        {
            if (!TryPhone(number, Get(values, PhoneCode), out var phone, out var phoneError))
                return (null, phoneError);
            e164 = phone.E164;
        }
        else if (!TryPhoneCode(Get(values, PhoneCode), out _, out var codeError))
        {
            return (null, codeError);
        }

        if (!TryDays(values, out var from, out var to, out var dateError))
            return (null, dateError);
        if (!TryText(Get(values, Reason), Reason, MaxTextLength, out var reason, out var reasonError))
            return (null, reasonError);
        if (!ApiParameters.TryRange(values, Offset, 0, DncSearchQuery.MaxOffset, 0, out var offset, out var error)
            || !ApiParameters.TryRange(values, Limit, 1, DncSearchQuery.MaxLimit, DncSearchQuery.DefaultLimit, out var limit, out error))
            return (null, error);

        return (new DncSearchFilter(accountId, id, campaignId, e164, from, to, reason, offset, limit), null);
    }

    /// <summary>insert_date (one day), or insert_date_start / insert_date_end (either or both), YYYY-MM-DD.</summary>
    private static bool TryDays(IReadOnlyDictionary<string, string> values, out DateOnly? from, out DateOnly? to, out ConvosoError? error)
    {
        from = to = null;
        error = null;
        var day = Get(values, InsertDate);
        var start = Get(values, InsertDateStart);
        var end = Get(values, InsertDateEnd);
        if (day is not null && (start is not null || end is not null))
        {
            error = ConvosoErrors.Invalid(InsertDate, $"give either {InsertDate} or {InsertDateStart}/{InsertDateEnd}");
            return false;
        }
        if (!TryDay(day ?? start, day is null ? InsertDateStart : InsertDate, out from, out error)
            || !TryDay(day ?? end, day is null ? InsertDateEnd : InsertDate, out to, out error))
            return false;
        if (from > to)
        {
            error = ConvosoErrors.Invalid(InsertDateEnd, $"before {InsertDateStart}");
            return false;
        }
        return true;
    }

    private static bool TryDay(string? text, string name, out DateOnly? day, out ConvosoError? error)
    {
        error = null;
        day = null;
        if (text is null)
            return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        error = ConvosoErrors.Invalid(name, "not a date (use YYYY-MM-DD)");
        return false;
    }
}
