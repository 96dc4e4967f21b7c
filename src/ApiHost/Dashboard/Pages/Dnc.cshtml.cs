using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.DncApi;
using Leadline.ApiHost.DncApi.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>
/// DNC: add, search, delete and CSV upload with the DNC API's own code — the add and delete forms are
/// /v1/dnc/insert and /v1/dnc/delete's parameters read by <see cref="DncOperations"/> (the phone's shard, then
/// the hoppers); the search is /v1/dnc/search's parser and query; the upload streams into /v1/dnc/import's importer.
/// </summary>
// The CSV upload takes the API's DNC import limit, not Kestrel's 1 MB default for form posts.
[RequestSizeLimit(DncApi.Import.ImportEndpoint.MaxBodyBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = DncApi.Import.ImportEndpoint.MaxBodyBytes)]
public sealed class DncModel(DncOperations operations, DncQueries queries, AccountDirectory directory, AccountQueries account, DncImportWriter writer) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> SearchFilters =
        [PhoneNumber, PhoneCode, CampaignId, Reason, InsertDateStart, InsertDateEnd, Offset, Limit];

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<DncEntry> Entries { get; private set; } = [];
    public long Total { get; private set; }
    public int From { get; private set; }
    public int PageLimit { get; private set; } = PageSize;
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    public string Value(string name) => Values.GetValueOrDefault(name, "");

    public string Scope(long campaignId) =>
        campaignId == 0 ? "whole account" : $"campaign {campaignId} {Campaigns.FirstOrDefault(c => c.CampaignId == campaignId)?.Name}";

    public string PageLink(int offset) => DashboardForm.PageLink(Values, Offset, offset);

    public Task OnGetAsync() => SearchAsync(DashboardForm.Values(Request.Query, SearchFilters));

    public async Task<IActionResult> OnPostAddAsync()
    {
        var (added, error) = await operations.AddAsync(User.AccountId(), DashboardForm.Values(Request.Form, [PhoneNumber, PhoneCode, CampaignId, Reason]));
        if (error is not null)
            Fail(error);
        else
            Notice = $"{added!.Phone.E164} added to the DNC list of the {Scope(added.CampaignId)}"
                + (added.HopperRemoved > 0 ? $"; {added.HopperRemoved} lead(s) left the hoppers." : ".");
        await SearchAsync(new Dictionary<string, string>());
        return Page();
    }

    /// <summary>A lead status given means update_lead_status=1, as the API's pair of parameters.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var values = DashboardForm.Values(Request.Form, [Id, LeadStatus]);
        if (values.ContainsKey(LeadStatus))
            values[UpdateLeadStatus] = "1";
        var (removed, error) = await operations.RemoveAsync(User.AccountId(), User.UserId(), values);
        if (error is not null)
            Fail(error);
        else
            Notice = $"DNC entry {removed!.Entry.Id} ({removed.Entry.PhoneE164}) deleted"
                + (values.ContainsKey(LeadStatus) ? $"; {removed.LeadsUpdated} lead(s) set to {values[LeadStatus]}." : ".");
        await SearchAsync(new Dictionary<string, string>());
        return Page();
    }

    /// <summary>The upload's answer is /v1/dnc/import's JSON (the page's script shows it as a summary).</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        var summary = new DncImportSummary();
        ConvosoError? error;
        if (file is null)
            error = ConvosoErrors.Required("file (a CSV or .xlsx with a phone_number column)");
        else
        {
            await using var stream = file.OpenReadStream();
            error = await ImportEndpoint.ImportFileAsync(stream, file.FileName, User.AccountId(), directory, writer, summary, HttpContext.RequestAborted);
        }
        await ImportEndpoint.WriteAnswerAsync(Response, summary, error);
        return new EmptyResult();
    }

    private void Fail(ConvosoError error)
    {
        Error = $"{error.Text} (code {error.Code})";
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private async Task SearchAsync(Dictionary<string, string> values)
    {
        var accountId = User.AccountId();
        Campaigns = await account.CampaignNamesAsync(accountId);
        values.TryAdd(Limit, PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Values = values;
        var (filter, error) = DncSearchParser.Parse(accountId, values);
        error ??= await DncScopes.CheckAsync(directory, accountId, filter!.CampaignId ?? 0);
        if (error is not null)
        {
            Fail(error);
            return;
        }
        (Total, var entries) = await queries.SearchAsync(filter!);
        (Entries, From, PageLimit) = (entries, filter!.Offset, filter.Limit);
    }
}
