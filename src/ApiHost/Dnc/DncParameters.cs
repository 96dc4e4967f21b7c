using System.Globalization;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Phones;
using Leadline.Grains.Leads;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// The parameters of /v1/dnc/* and the columns of a DNC import, with the checks both share. The Try
/// methods take raw values (a form parameter or a CSV cell) and name the parameter in their error.
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


    public static string? Get(IReadOnlyDictionary<string, string> values, string name) => ApiParameters.Get(values, name);

    /// <summary>A country calling code libphonenumber knows; absent is 1.</summary>
    public static bool TryPhoneCode(string? text, out int phoneCode, out ConvosoError? error)
    {
        error = null;
        phoneCode = DefaultPhoneCode;
        if (Blank(text))
            return true;
        if (int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out phoneCode) && PhoneNormalizer.IsKnownCountryCode(phoneCode))
            return true;
        error = ConvosoErrors.InvalidPhone(PhoneCode);
        return false;
    }

    /// <summary>A required phone number in any common format, normalized with its phone_code.</summary>
    public static bool TryPhone(string? number, string? phoneCodeText, out NormalizedPhone phone, out ConvosoError? error)
    {
        phone = null!;
        if (Blank(number))
        {
            error = ConvosoErrors.Required(PhoneNumber);
            return false;
        }
        if (!TryPhoneCode(phoneCodeText, out var phoneCode, out error))
            return false;
        if (PhoneNormalizer.TryNormalize(number!, phoneCode, out phone))
            return true;
        error = ConvosoErrors.InvalidPhone(PhoneNumber);
        return false;
    }

    /// <summary>
    /// The DNC scope: absent or 0 is the whole account, otherwise a campaign id (whether the account has
    /// it is checked against the directory afterwards). Not an id at all is "No such Campaign".
    /// </summary>
    public static bool TryScope(string? text, out long campaignId, out ConvosoError? error)
    {
        error = null;
        campaignId = 0;
        if (Blank(text) || text!.Trim() == "0")
            return true;
        if (ApiParameters.TryParseId(text.Trim(), out campaignId))
            return true;
        error = ConvosoErrors.NoSuchCampaign;
        return false;
    }

    /// <summary>Optional free text (reason, purpose, lead_status): trimmed, blank is absent.</summary>
    public static bool TryText(string? text, string name, int maxLength, out string? value, out ConvosoError? error)
    {
        error = null;
        value = Blank(text) ? null : text!.Trim();
        if (value is null)
            return true;
        if (value.Length > maxLength)
            error = ConvosoErrors.Invalid(name, $"longer than {maxLength} characters");
        else if (value.Contains('\0'))
            error = ConvosoErrors.Invalid(name, "contains a NUL character");
        return error is null;
    }

    private static bool Blank(string? text) => text is null || text.Trim().Length == 0;
}

/// <summary>Whether a DNC scope is the account's: 0 (global) always is, a campaign only when the account has it.</summary>
public static class DncScopes
{
    public static async Task<ConvosoError?> CheckAsync(Accounts.AccountDirectory directory, long accountId, long campaignId) =>
        campaignId == 0 || await directory.FindCampaignAsync(accountId, campaignId) is not null ? null : ConvosoErrors.NoSuchCampaign;
}
