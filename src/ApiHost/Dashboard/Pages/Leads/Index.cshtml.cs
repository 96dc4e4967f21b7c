using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages.Leads;

/// <summary>Manage Leads, phase 1: the newest leads. Search and filters arrive with the leads search API (issue 4).</summary>
public sealed class IndexModel(LeadQueries leads) : PageModel
{
    public IReadOnlyList<LeadRow> Leads { get; private set; } = [];

    public async Task OnGetAsync() => Leads = await leads.NewestAsync(User.AccountId());
}
