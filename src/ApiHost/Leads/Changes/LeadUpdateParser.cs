using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Insert;
using Leadline.ApiHost.Phones;
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
/// </summary>
public static class LeadUpdateParser
{
    public const string LeadId = "lead_id";

    /// <summary>Parameters that are not lead fields: the insert options and lead_id.</summary>
    public static readonly IReadOnlySet<string> Options =
        new HashSet<string>(InsertParameterNames.All.Append(LeadId), StringComparer.Ordinal);

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

        var (dedup, dedupError) = InsertLeadParser.ParseDedup(values);
        if (dedupError is not null)
            return (null, dedupError);
        var (fields, ignored, fieldError) = InsertLeadParser.ParseFields(values, customFields, phoneCode, Options);
        if (fieldError is not null)
            return (null, fieldError);

        // update_if_found and its search scope mean nothing for a lead named by its id.
        var checks = dedup! with { UpdateIfFound = false, SearchListId = null, SearchCampaignId = null };
        return (new LeadUpdateRequest(leadId, listId, phone, checks, fields!, ignored), null);
    }
}
