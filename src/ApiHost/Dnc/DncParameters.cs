using System.Globalization;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Phones;
using Leadline.Grains.Leads;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// The parameters of /v1/dnc/* and the columns of a DNC import, with the checks both share. The Try
/// methods take raw values (a form parameter or a CSV cell) and name the parameter in their error. The codes
/// are Convoso's DNC numbering (see <see cref="DncErrors"/>); where Convoso numbers one check differently per
/// endpoint (an invalid phone is 6007 on insert, 6008 on update; an unknown campaign 6006 on insert and
/// search, 6004 on update) the caller passes the refusal.
/// </summary>
public static class DncParameters
{
    public const string Id = "id";
    public const string PhoneNumber = "phone_number";
    public const string PhoneCode = "phone_code";
    public const string CampaignId = "campaign_id";
    public const string Reason = "reason";
    public const string Purpose = "purpose";
    public const string InsertDate = "insert_date";
    public const string InsertDateStart = "insert_date_start";
    public const string InsertDateEnd = "insert_date_end";
    public const string Offset = "offset";
    public const string Limit = "limit";
    public const string UpdateLeadStatus = "update_lead_status";
    public const string LeadStatus = "lead_status";

    public const int MaxTextLength = 255;
    public const int DefaultPhoneCode = 1;

    /// <summary>Convoso's reserved filter words: no value, and any value (search); -BLANK- also clears a value on update.</summary>
    public const string Blank = "-BLANK-";
    public const string NotBlank = "-NOTBLANK-";

    public static string? Get(IReadOnlyDictionary<string, string> values, string name) => ApiParameters.Get(values, name);

    /// <summary>A country calling code libphonenumber knows; absent is 1. Anything else is 6026.</summary>
    public static bool TryPhoneCode(string? text, out int phoneCode, out ConvosoError? error)
    {
        error = null;
        phoneCode = DefaultPhoneCode;
        if (IsBlank(text))
            return true;
        if (int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out phoneCode) && PhoneNormalizer.IsKnownCountryCode(phoneCode))
            return true;
        error = DncErrors.InvalidCountryCode;
        return false;
    }

    /// <summary>
    /// A required phone number in any common format, normalized with its phone_code: missing is 6050, a bad
    /// phone_code 6026, a number that is no phone number <paramref name="invalidPhone"/> (given the parameter name).
    /// </summary>
    public static bool TryPhone(string? number, string? phoneCodeText, Func<string, ConvosoError> invalidPhone,
        out NormalizedPhone phone, out ConvosoError? error)
    {
        phone = null!;
        if (IsBlank(number))
        {
            error = ConvosoErrors.Required(PhoneNumber);
            return false;
        }
        if (!TryPhoneCode(phoneCodeText, out var phoneCode, out error))
            return false;
        if (PhoneNormalizer.TryNormalize(number!, phoneCode, out phone))
            return true;
        error = invalidPhone(PhoneNumber);
        return false;
    }

    /// <summary>
    /// The DNC scope: absent or 0 is the whole account, otherwise a campaign id (whether the account has
    /// it is checked against the directory afterwards, with the same <paramref name="unknownCampaign"/>).
    /// Not an id at all is <paramref name="unknownCampaign"/> too.
    /// </summary>
    public static bool TryScope(string? text, ConvosoError unknownCampaign, out long campaignId, out ConvosoError? error)
    {
        error = null;
        campaignId = 0;
        if (IsBlank(text) || text!.Trim() == "0")
            return true;
        if (ApiParameters.TryParseId(text.Trim(), out campaignId))
            return true;
        error = unknownCampaign;
        return false;
    }

    /// <summary>An optional reason: at most 255 characters, no control characters, else 6058.</summary>
    public static bool TryReason(string? text, out string? value, out ConvosoError? error) =>
        TryText(text, MaxTextLength, out value, out error, DncErrors.InvalidReason);

    /// <summary>An optional purpose: at most 255 characters, no control characters, else 6057.</summary>
    public static bool TryPurpose(string? text, out string? value, out ConvosoError? error) =>
        TryText(text, MaxTextLength, out value, out error, DncErrors.InvalidPurpose);

    /// <summary>Optional free text (lead_status): trimmed, blank is absent; too long or control characters is 6050.</summary>
    public static bool TryText(string? text, string name, int maxLength, out string? value, out ConvosoError? error) =>
        TryText(text, maxLength, out value, out error, why => ConvosoErrors.Invalid(name, why));

    /// <summary>A reason or purpose as an insert stores it: <see cref="Blank"/> means none.</summary>
    public static string? Stored(string? text) => text == Blank ? null : text;

    private static bool TryText(string? text, int maxLength, out string? value, out ConvosoError? error, Func<string, ConvosoError> invalid)
    {
        error = null;
        value = IsBlank(text) ? null : text!.Trim();
        if (value is null)
            return true;
        if (value.Length > maxLength)
            error = invalid($"longer than {maxLength} characters");
        else if (value.Any(char.IsControl))
            error = invalid("contains a control character (line break, tab, NUL …)");
        return error is null;
    }

    private static bool IsBlank(string? text) => text is null || text.Trim().Length == 0;
}

/// <summary>Whether a DNC scope is the account's: 0 (global) always is, a campaign only when the account has it.</summary>
public static class DncScopes
{
    /// <summary>As Insert/Search DNC number it: an unknown campaign is 6006.</summary>
    public static Task<ConvosoError?> CheckAsync(Accounts.AccountDirectory directory, long accountId, long campaignId) =>
        CheckAsync(directory, accountId, campaignId, DncErrors.InvalidCampaign);

    /// <summary>Null when the scope is the account's, else <paramref name="unknownCampaign"/> (another account's campaign too).</summary>
    public static async Task<ConvosoError?> CheckAsync(Accounts.AccountDirectory directory, long accountId, long campaignId,
        ConvosoError unknownCampaign) =>
        campaignId == 0 || await directory.FindCampaignAsync(accountId, campaignId) is not null ? null : unknownCampaign;
}
