using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.Leads.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Leadline.ApiHost.Leads.Search.LeadSearchParameters;

namespace Leadline.ApiHost.Dashboard.Pages.Leads;

/// <summary>One row of the results table, read from a search row by column name.</summary>
public sealed record LeadHit(long LeadId, string? Phone, string? FirstName, string? LastName, string? Email, string? Status,
    long ListId, long CampaignId, long? CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// Manage Leads: the filters are /v1/leads/search's own parameters, read by its parser and run by its SQL
/// builder and store, so the page finds exactly what the API finds (deleted leads never, newest first).
/// </summary>
public sealed class IndexModel(
    AccountDirectory directory, LeadSearchStore store, LeadSearchOptions options, UserQueries users, AccountQueries account) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The filters the form offers, by their API names.</summary>
    public static readonly IReadOnlyList<string> Filters =
    [
        CreatedBy, ListId, CampaignId, "status", PhoneNumber, PhoneCode, "first_name", "last_name", "email",
        CreatedAtStart, CreatedAtEnd, Offset, Limit,
    ];

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<LeadHit> Hits { get; private set; } = [];
    public long Total { get; private set; }
    public bool TotalExact { get; private set; } = true;
    public int From { get; private set; }
    public int PageLimit { get; private set; } = PageSize;
    public string? Error { get; private set; }
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public IReadOnlyList<ListRow> Lists { get; private set; } = [];
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public IReadOnlyList<CustomFieldRow> CustomFields { get; private set; } = [];

    public string Value(string name) => Values.GetValueOrDefault(name, "");

    public string ListName(long listId) => $"{Lists.FirstOrDefault(l => l.ListId == listId)?.Name} ({listId})";

    public string CampaignName(long campaignId) => $"{Campaigns.FirstOrDefault(c => c.CampaignId == campaignId)?.Name} ({campaignId})";

    public string UserName(long? userId) =>
        Users.FirstOrDefault(u => u.UserId == userId)?.DisplayName ?? (userId is { } id ? $"user {id}" : "");

    /// <summary>The query string of another page of the same search.</summary>
    public string PageLink(int offset) => DashboardForm.PageLink(Values, Offset, offset);

    public async Task OnGetAsync()
    {
        var accountId = User.AccountId();
        CustomFields = await account.CustomFieldsAsync(accountId);
        var values = DashboardForm.Values(Request.Query, [.. Filters, .. CustomFields.Select(f => f.Name)]);
        values.TryAdd(Limit, PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Values = values;
        Users = await users.ListAsync(accountId);
        Lists = await account.ListNamesAsync(accountId);
        Campaigns = await account.CampaignNamesAsync(accountId);

        var (request, error) = LeadSearchParser.Parse(values, [.. (await directory.GetCustomFieldsAsync(accountId)).Keys]);
        if (error is not null)
        {
            Error = error.Text;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var page = await store.SearchAsync(accountId, request!, options, HttpContext.RequestAborted);
        if (page is null)
        {
            Error = ConvosoErrors.SearchTooSlow(options.TimeoutSeconds).Text;
            return;
        }
        (Total, TotalExact, From, PageLimit) = (page.Total, page.TotalExact, request!.Offset, request.Limit);
        Hits = [.. page.Rows.Select(Read)];
    }

    private static readonly Dictionary<string, int> Column =
        LeadSearchSql.EntryColumns.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);

    private static LeadHit Read(object?[] row) => new(
        (long)row[Column["lead_id"]]!, row[Column["phone_e164"]] as string, row[Column["first_name"]] as string,
        row[Column["last_name"]] as string, row[Column["email"]] as string, row[Column["status"]] as string,
        (long)row[Column["list_id"]]!, (long)row[Column["campaign_id"]]!, row[Column["created_by"]] as long?,
        new DateTimeOffset(DateTime.SpecifyKind((DateTime)row[Column["created_at"]]!, DateTimeKind.Utc)));
}
