using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.Leads;
using static Leadline.ApiHost.Leads.Insert.InsertParameterNames;

namespace Leadline.ApiHost.Dashboard.ApiDocs;

/// <summary>One row of the Insert Lead parameter table.</summary>
public sealed record ParameterDoc(string Name, string Type, string Allowed, string Description, bool Required = false);

/// <summary>
/// The /v1/leads/insert parameter table of the API page, built from the parser's own names
/// (<see cref="InsertParameterNames"/>) and the lead field catalog, so the page lists what the code accepts.
/// A unit test checks that every option name has its row.
/// </summary>
public static class InsertLeadDocs
{
    public static readonly IReadOnlyList<ParameterDoc> Options =
    [
        new(AuthToken, "string", "an API token with the leads scope", "Authenticates the request; the token's API user (System API User) becomes created_by.", Required: true),
        new(ListId, "integer", "a list id of your account", "The list the lead is stored in; the list's campaign is the lead's campaign.", Required: true),
        new(PhoneNumber, "string", "a valid phone number", "Normalized to E.164 with libphonenumber: (727) 555-1212, 727.555.1212, 17275551212 and +17275551212 are one number.", Required: true),
        new(PhoneCode, "integer", "country calling code; default 1", "Country of phone_number; a number written with + keeps its own."),
        new(CheckDup, "integer", "0 (default), 1, 2, 3", "Duplicate check on the phone number: 0 none, 1 whole account, 2 this list, 3 this list's campaign. A duplicate answers 6009 with the existing lead_id."),
        new(CheckDupArchive, "integer", "0 (default), 1", "1: leads in archived lists count for the duplicate check (otherwise they are skipped)."),
        new(CheckDnc, "integer", "0 (default), 1", "1: refuse numbers on the account-wide DNC or the list's campaign DNC (6010)."),
        new(UpdateIfFound, "integer", "0 (default), 1", "1: when the phone is found, update that lead instead of refusing (search_list_id, else search_campaign_id, else the check_dup scope, else the account)."),
        new(SearchListId, "integer", "a list id of your account", "With update_if_found: look for the existing lead in this list."),
        new(SearchCampaignId, "integer", "a campaign id of your account", "With update_if_found: look for the existing lead in this campaign."),
        new(Hopper, "integer", "0 (default), 1", "1: put the lead in its campaign's hopper at once (not for archived lists)."),
        new(HopperPriority, "integer", $"0–99; default {HopperRequest.DefaultPriority}", "Hopper priority: 99 is dialed first, FIFO within a priority."),
        new(HopperExpiresIn, "integer", "minutes, 1–300; default none", "An entry not dialed within this time leaves the hopper and records a Hopper Expire event; what follows (webhook, set status, move to list, re-add) needs a Workflow Automation rule with trigger Hopper Expire."),
        new(HopperExpireIn, "integer", "minutes, 1–300", $"The older spelling of {HopperExpiresIn}; accepted as the same parameter."),
    ];

    public static IEnumerable<ParameterDoc> StandardFields => LeadFieldCatalog.Standard.Select(f => new ParameterDoc(
        f.Name, TypeOf(f.Kind), f.Kind switch
        {
            LeadFieldKind.Date => "YYYY-MM-DD",
            LeadFieldKind.Money => "number, 2 decimals",
            _ => $"up to {f.MaxLength} characters",
        }, f.Description));

    public static IEnumerable<ParameterDoc> ServerAssigned => LeadFieldCatalog.ServerAssigned.Order().Select(name => new ParameterDoc(
        name, "string", "ignored", "Set by Leadline to the token's API user (System API User); a supplied value is listed under \"ignored\"."));

    private static string TypeOf(LeadFieldKind kind) => kind switch
    {
        LeadFieldKind.Email => "email",
        LeadFieldKind.Phone => "phone",
        LeadFieldKind.Date => "date",
        LeadFieldKind.Money => "decimal",
        _ => "string",
    };
}
