using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Insert;
using Leadline.ApiHost.Phones;
using Leadline.ApiHost.V1;
using Leadline.Grains.Leads;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Changes;

/// <summary>A validated /v1/leads/update request; null <see cref="ListId"/> / <see cref="Phone"/> = unchanged.</summary>
public sealed record LeadUpdateRequest(
    long LeadId,
    long? ListId,
    NormalizedPhone? Phone,
    DedupOptions Dedup,
    LeadFields Fields,
    IReadOnlyList<string> Ignored);

/// <summary>
/// Turns the flat parameters of /v1/leads/update into a <see cref="LeadUpdateRequest"/>, validating every
/// field exactly as an insert does (the insert parser's pieces), or the Convoso error for the first thing wrong.
/// The duplicate and DNC checks are flags and scopes read by the insert's own reader (check_dup takes 0-3,
/// and true/false as 1/0; the flags every spelling of <see cref="ApiFlags"/>).
/// </summary>
public static class LeadUpdateParser
{
    public const string LeadId = "lead_id";

    /// <summary>What update reads besides the lead's fields, as the API documents it (OpenAPI, docs).</summary>
    public static readonly IReadOnlyList<ApiParameter> Catalog =
    [
        new(LeadId, ApiParameterType.Id, "The lead to change", Required: true),
        new(InsertParameterNames.ListId, ApiParameterType.Id, "Move the lead to this list of the account (possibly of another campaign)"),
        new(InsertParameterNames.PhoneNumber, ApiParameterType.Phone, "Change the lead's phone, any common format"),
        new(InsertParameterNames.PhoneCode, ApiParameterType.Integer, "Country calling code, default 1"),
        new(InsertParameterNames.CheckDup, ApiParameterType.Integer,
            "When the phone or list changes, refuse a duplicate in the new place: 0 none, 1 (or true) whole account, 2 the list, 3 its campaign"),
        new(InsertParameterNames.CheckDupArchive, ApiParameterType.Flag, "Leads in archived lists count as duplicates too"),
        new(InsertParameterNames.CheckDnc, ApiParameterType.Flag, "When the phone or campaign changes, refuse a number on the account's or the campaign's Do-Not-Call list"),
    ];

    /// <summary>
    /// Parameters that are not lead fields. The other insert options (update_if_found, search_*, hopper*) mean
    /// nothing for a lead named by its id: they are neither fields nor read, so the answer lists them as ignored.
    /// </summary>
    public static readonly IReadOnlySet<string> Options =
        new HashSet<string>(Catalog.Select(p => p.Name).Append(ApiRequest.AuthToken), StringComparer.Ordinal);

    private static readonly string[] Checks = [InsertParameterNames.CheckDup, InsertParameterNames.CheckDupArchive, InsertParameterNames.CheckDnc];

    public static (LeadUpdateRequest? Request, ConvosoError? Error) Parse(
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, int> customFields)
    {
        if (!ApiParameters.TryId(values, LeadId, ConvosoErrors.NoSuchLead, out var leadId, out var error)
            || !ApiParameters.TryOptionalId(values, InsertParameterNames.ListId, ConvosoErrors.NoSuchList, out var listId, out error))
            return (null, error);

        if (!InsertLeadParser.TryPhoneCode(values, out var phoneCode))
            return (null, ConvosoErrors.InvalidPhone(InsertParameterNames.PhoneCode));
        NormalizedPhone? phone = null;
        if (ApiParameters.Get(values, InsertParameterNames.PhoneNumber) is { } phoneText)
        {
            if (!PhoneNormalizer.TryNormalize(phoneText, phoneCode, out var normalized))
                return (null, ConvosoErrors.InvalidPhone(InsertParameterNames.PhoneNumber));
            phone = normalized;
        }

        // Only the checks: update_if_found and its search scope are not read, so they stay false / null.
        var checks = values.Where(v => Checks.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var (dedup, dedupError) = InsertLeadParser.ParseDedup(checks);
        if (dedupError is not null)
            return (null, dedupError);
        var (fields, ignored, fieldError) = InsertLeadParser.ParseFields(values, customFields, phoneCode, Options);
        if (fieldError is not null)
            return (null, fieldError);

        return (new LeadUpdateRequest(leadId, listId, phone, dedup!, fields!, ignored), null);
    }
}
