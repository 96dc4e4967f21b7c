using System.Globalization;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// Turns the flat parameters of /v1/dnc/search into a <see cref="DncSearchFilter"/>, or the error for the
/// first wrong value, in Convoso's Search DNC numbering: 6056 an id that is no id, 6006 a campaign_id that is
/// no id, 6007 a number that is no phone number, 6026 a bad phone_code, 6058/6057 a bad reason/purpose,
/// 7231/7230 offset/limit out of range. Whether campaign_id is the account's is checked afterwards against
/// the directory (also 6006).
/// </summary>
public static class DncSearchParser
{
    public static (DncSearchFilter? Filter, ConvosoError? Error) Parse(long accountId, IReadOnlyDictionary<string, string> values)
    {
        if (!ApiParameters.TryOptionalId(values, Id, DncErrors.NoSuchEntry, out var id, out var error))
            return (null, error);

        long? campaignId = null;
        if (Get(values, CampaignId) is { } campaignText)
        {
            if (!TryScope(campaignText, DncErrors.InvalidCampaign, out var scope, out error))
                return (null, error);
            campaignId = scope;
        }

        string? e164 = null;
        if (Get(values, PhoneNumber) is { } number)
        {
            if (!TryPhone(number, Get(values, PhoneCode), DncErrors.InvalidPhone, out var phone, out error))
                return (null, error);
            e164 = phone.E164;
        }
        else if (!TryPhoneCode(Get(values, PhoneCode), out _, out error))
        {
            return (null, error);
        }

        if (!TryDays(values, out var from, out var to, out error)
            || !TryReason(Get(values, Reason), out var reason, out error)
            || !TryPurpose(Get(values, Purpose), out var purpose, out error))
            return (null, error);
        if (!ApiParameters.TryRange(values, Offset, 0, DncSearchQuery.MaxOffset, 0, out var offset, out _))
            return (null, ConvosoErrors.InvalidOffset(DncSearchQuery.MaxOffset));
        if (!ApiParameters.TryRange(values, Limit, 1, DncSearchQuery.MaxLimit, DncSearchQuery.DefaultLimit, out var limit, out _))
            return (null, ConvosoErrors.InvalidLimit(DncSearchQuery.MaxLimit));

        return (new DncSearchFilter(accountId, id, campaignId, e164, from, to, reason, purpose, offset, limit), null);
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

    /// <summary>
    /// YYYY-MM-DD, a UTC day. Convoso's clients also send <c>YYYY-MM-DD hh:mm:ss</c>: its day is taken (the
    /// time part is not a filter here).
    /// </summary>
    private static bool TryDay(string? text, string name, out DateOnly? day, out ConvosoError? error)
    {
        error = null;
        day = null;
        if (text is null)
            return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = date;
            return true;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            day = DateOnly.FromDateTime(time);
            return true;
        }
        error = ConvosoErrors.Invalid(name, "not a date (use YYYY-MM-DD)");
        return false;
    }
}
