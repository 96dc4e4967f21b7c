using System.Globalization;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Phones;
using Leadline.Grains.Leads;
using static Leadline.ApiHost.Leads.Search.LeadSearchParameters;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// Turns the flat parameters of /v1/leads/search into a <see cref="LeadSearchRequest"/>, or the Convoso
/// error naming the first wrong value. Field values are validated and put in the form they are stored
/// in (phones E.164 with phone_code, dates, amounts) by the insert's own validator, so a value matches
/// what insert stored. Needs only the account's custom field names: tested without a server.
/// </summary>
public static class LeadSearchParser
{

    /// <summary>Codes compared as stored: they are set by programs, and their indexes hold the raw value.</summary>
    private static readonly IReadOnlySet<string> ExactText = new HashSet<string>(StringComparer.Ordinal) { "status", "owner_id" };

    public static (LeadSearchRequest? Request, ConvosoError? Error) Parse(
        IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string> customFields)
    {
        // Convoso numbers a wrong offset 7231 and a wrong limit 7230 (Search Leads); the text says what is allowed.
        if (!ApiParameters.TryRange(values, Offset, 0, MaxOffset, 0, out var offset, out _))
            return (null, ConvosoErrors.InvalidOffset(MaxOffset));
        if (!ApiParameters.TryRange(values, Limit, 1, MaxLimit, DefaultLimit, out var limit, out _))
            return (null, ConvosoErrors.InvalidLimit(MaxLimit));
        if (!TryPhoneCode(values, out var phoneCode, out var error))
            return (null, error);

        var fields = new List<FieldMatch>();
        foreach (var name in new[] { LeadId, ListId, CampaignId })
        {
            if (!TryOptionalId(values, name, out var id, out error))
                return (null, error);
            if (id is { } value)
                fields.Add(new FieldMatch(name, MatchKind.Equal, value));
        }

        if (ApiParameters.Get(values, PhoneNumber) is { } phoneText)
        {
            if (!PhoneNormalizer.TryNormalize(phoneText, phoneCode, out var phone))
                return (null, ConvosoErrors.InvalidPhone(PhoneNumber));
            fields.Add(new FieldMatch("phone_e164", MatchKind.Equal, phone.E164));
        }

        // user_id: Leadline has no agents, so a lead's user is the user that created it (leads.created_by).
        if (!TryOptionalId(values, UserId, out var userId, out error)
            || !TryCreatedBy(values, out var createdBy, out error)
            || !TryRange(values, CreatedAtStart, CreatedAtEnd, out var created, out error)
            || !TryRange(values, UpdatedAtStart, UpdatedAtEnd, out var updated, out error))
            return (null, error);

        var ignored = new List<string>();
        foreach (var (name, raw) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (Options.Contains(name) || raw.Trim().Length == 0)
                continue;
            if (LeadFieldCatalog.TryGet(name, out var spec))
            {
                if (FieldValueValidator.Validate(spec, raw, phoneCode, out var canonical) is { } fieldError)
                    return (null, fieldError);
                fields.Add(StandardMatch(spec, canonical));
            }
            else if (customFields.Contains(name))
            {
                if (raw.Contains('\0'))
                    return (null, ConvosoErrors.Invalid(name, "contains a NUL character"));
                fields.Add(new FieldMatch(name, MatchKind.CustomField, raw.Trim()));
            }
            else
            {
                ignored.Add(name);
            }
        }

        return (new LeadSearchRequest(fields, createdBy, created, updated, offset, limit, ignored) { UserId = userId }, null);
    }

    private static FieldMatch StandardMatch(LeadFieldSpec spec, string canonical) => spec.Kind switch
    {
        LeadFieldKind.Date => new FieldMatch(spec.Name, MatchKind.Equal, DateOnly.ParseExact(canonical, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        LeadFieldKind.Money => new FieldMatch(spec.Name, MatchKind.Equal, decimal.Parse(canonical, NumberStyles.Number, CultureInfo.InvariantCulture)),
        LeadFieldKind.Phone => new FieldMatch(spec.Name, MatchKind.Equal, canonical),
        _ when ExactText.Contains(spec.Name) => new FieldMatch(spec.Name, MatchKind.Equal, canonical),
        _ => new FieldMatch(spec.Name, MatchKind.IgnoreCase, canonical),
    };

    private static bool TryPhoneCode(IReadOnlyDictionary<string, string> values, out int phoneCode, out ConvosoError? error)
    {
        error = null;
        phoneCode = 1;
        if (ApiParameters.Get(values, PhoneCode) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out phoneCode) || !PhoneNormalizer.IsKnownCountryCode(phoneCode)))
            error = ConvosoErrors.InvalidPhone(PhoneCode);
        return error is null;
    }

    private static bool TryOptionalId(IReadOnlyDictionary<string, string> values, string name, out long? id, out ConvosoError? error) =>
        ApiParameters.TryOptionalId(values, name, ConvosoErrors.Invalid(name, "must be a positive whole number"), out id, out error);

    private static bool TryCreatedBy(IReadOnlyDictionary<string, string> values, out CreatedByFilter? filter, out ConvosoError? error)
    {
        filter = null;
        error = null;
        if (ApiParameters.Get(values, CreatedBy) is not { } text)
            return true;
        if (string.Equals(text, ApiUserName, StringComparison.OrdinalIgnoreCase))
            filter = new CreatedByFilter(null);
        else if (ApiParameters.TryParseId(text, out var userId))
            filter = new CreatedByFilter(userId);
        else
            error = ConvosoErrors.Invalid(CreatedBy, $"a user id or \"{ApiUserName}\"");
        return error is null;
    }

    private static bool TryRange(IReadOnlyDictionary<string, string> values, string startName, string endName,
        out TimeRange range, out ConvosoError? error)
    {
        range = new TimeRange(null, null);
        error = null;
        DateTime? from = null, before = null;
        if (ApiParameters.Get(values, startName) is { } startText)
        {
            if (!SearchDates.TryParseStart(startText, out var start))
                error = ConvosoErrors.Invalid(startName, DateHint);
            from = start;
        }
        if (error is null && ApiParameters.Get(values, endName) is { } endText)
        {
            if (!SearchDates.TryParseEnd(endText, out var end))
                error = ConvosoErrors.Invalid(endName, DateHint);
            else if (from is { } f && end <= f)
                error = ConvosoErrors.Invalid(endName, $"before {startName}");
            before = end;
        }
        range = new TimeRange(from, before);
        return error is null;
    }

    private const string DateHint = "not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM:SS, UTC unless an offset is given)";
}
