using System.Globalization;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Phones;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.Leads.Insert.InsertParameterNames;

namespace Leadline.ApiHost.Leads.Insert;

/// <summary>
/// Turns the flat parameters of /v1/leads/insert into a validated <see cref="InsertLeadRequest"/>, or the
/// Convoso error for the first thing wrong. Needs only the account's custom field definitions (name →
/// max length), so it is tested without a server.
/// </summary>
public static class InsertLeadParser
{
    public static (InsertLeadRequest? Request, ConvosoError? Error) Parse(
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, int> customFields)
    {
        var listText = Get(values, ListId);
        var phoneText = Get(values, PhoneNumber);
        if (listText is null || phoneText is null)
            return Fail(ConvosoErrors.PhoneAndListRequired);
        if (!TryId(listText, out var listId))
            return Fail(ConvosoErrors.NoSuchList);

        if (!TryPhoneCode(values, out var phoneCode))
            return Fail(ConvosoErrors.InvalidPhone(PhoneCode));
        if (!PhoneNormalizer.TryNormalize(phoneText, phoneCode, out var phone))
            return Fail(ConvosoErrors.InvalidPhone(PhoneNumber));

        if (ParseDedup(values) is var (dedup, dedupError) && dedupError is not null)
            return Fail(dedupError);
        if (ParseHopper(values) is var (hopper, hopperError) && hopperError is not null)
            return Fail(hopperError);

        var (fields, ignored, fieldError) = ParseFields(values, customFields, phoneCode, All);
        if (fieldError is not null)
            return Fail(fieldError);

        return (new InsertLeadRequest(listId, phone, dedup!, hopper, fields!, ignored), null);
    }

    /// <summary><c>phone_code</c>, default 1; false when it is no known country calling code.</summary>
    internal static bool TryPhoneCode(IReadOnlyDictionary<string, string> values, out int phoneCode)
    {
        phoneCode = 1;
        return Get(values, PhoneCode) is not { } codeText
            || (int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out phoneCode) && PhoneNormalizer.IsKnownCountryCode(phoneCode));
    }

    /// <summary>
    /// The lead's standard and custom field values, validated and canonical; names in <paramref name="options"/>
    /// are not fields, other unknown names are returned as ignored (sorted).
    /// </summary>
    internal static (LeadFields? Fields, List<string> Ignored, ConvosoError? Error) ParseFields(
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, int> customFields, int phoneCode, IReadOnlySet<string> options)
    {
        var standard = new Dictionary<string, string>();
        var custom = new Dictionary<string, string>();
        var ignored = new List<string>();
        foreach (var (name, raw) in values)
        {
            if (options.Contains(name))
                continue;
            if (LeadFieldCatalog.TryGet(name, out var spec))
            {
                if (raw.Trim().Length == 0)
                    continue;
                if (FieldValueValidator.Validate(spec, raw, phoneCode, out var canonical) is { } fieldError)
                    return (null, [], fieldError);
                standard[name] = canonical;
            }
            else if (customFields.TryGetValue(name, out var maxLength))
            {
                var customSpec = new LeadFieldSpec(name, LeadFieldKind.Text, maxLength, "");
                if (FieldValueValidator.Validate(customSpec, raw, phoneCode, out var canonical) is { } fieldError)
                    return (null, [], fieldError);
                custom[name] = canonical;
            }
            else
            {
                ignored.Add(name); // includes created_by / last_modified_by: Leadline records the API user itself
            }
        }
        ignored.Sort(StringComparer.Ordinal);
        return (new LeadFields(standard, custom), ignored, null);
    }

    internal static (DedupOptions? Options, ConvosoError? Error) ParseDedup(IReadOnlyDictionary<string, string> values)
    {
        if (!TryCheckDup(values, out var checkDup, out var error)
            || !TryFlag(values, CheckDupArchive, out var archive, out error)
            || !TryFlag(values, CheckDnc, out var dnc, out error)
            || !TryFlag(values, UpdateIfFound, out var update, out error)
            || !TryOptionalId(values, SearchListId, out var searchList, out error)
            || !TryOptionalId(values, SearchCampaignId, out var searchCampaign, out error))
            return (null, error);
        return (new DedupOptions((DupScope)checkDup, archive, dnc, update, searchList, searchCampaign), null);
    }

    internal static (HopperRequest? Hopper, ConvosoError? Error) ParseHopper(IReadOnlyDictionary<string, string> values)
    {
        // Validated even when hopper=0, so a vendor learns about a bad value before relying on it.
        var expiresName = Get(values, HopperExpiresIn) is not null ? HopperExpiresIn : HopperExpireIn;
        if (!TryFlag(values, InsertParameterNames.Hopper, out var hopper, out var error)
            || !TryRange(values, HopperPriority, 0, 99, HopperRequest.DefaultPriority, out var priority, out error)
            || !TryRange(values, expiresName, 1, 300, 0, out var expiresIn, out error))
            return (null, error);
        return (hopper ? new HopperRequest(priority, expiresIn == 0 ? null : expiresIn) : null, null);
    }

    private static string? Get(IReadOnlyDictionary<string, string> values, string name) => ApiParameters.Get(values, name);

    private static bool TryRange(IReadOnlyDictionary<string, string> values, string name, int min, int max, int fallback,
        out int result, out ConvosoError? error) =>
        ApiParameters.TryRange(values, name, min, max, fallback, out result, out error);

    private static bool TryFlag(IReadOnlyDictionary<string, string> values, string name, out bool result, out ConvosoError? error) =>
        ApiParameters.TryFlag(values, name, false, out result, out error);

    /// <summary>check_dup is a scope number, and Convoso documents "1 or true" for it: true is 1, false is 0.</summary>
    private static bool TryCheckDup(IReadOnlyDictionary<string, string> values, out int scope, out ConvosoError? error)
    {
        // Only a word (true/false) needs a stand-in; a number — what nearly every insert sends — is read in place.
        var asNumbers = Get(values, CheckDup) is { } text && ApiFlags.AsNumber(text) is var number && !ReferenceEquals(number, text)
            ? new Dictionary<string, string> { [CheckDup] = number }
            : values;
        return TryRange(asNumbers, CheckDup, 0, 3, 0, out scope, out error);
    }

    private static bool TryOptionalId(IReadOnlyDictionary<string, string> values, string name, out long? result, out ConvosoError? error)
    {
        error = null;
        result = null;
        if (Get(values, name) is not { } text)
            return true;
        if (TryId(text, out var id))
        {
            result = id;
            return true;
        }
        error = name == SearchListId ? ConvosoErrors.NoSuchList : ConvosoErrors.NoSuchCampaign;
        return false;
    }

    private static bool TryId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static (InsertLeadRequest?, ConvosoError?) Fail(ConvosoError error) => (null, error);
}
