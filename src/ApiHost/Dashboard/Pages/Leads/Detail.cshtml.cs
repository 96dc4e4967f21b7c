using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages.Leads;

/// <summary>One lead: every field, its hopper slot, its workflow events. Another account's lead is "not found".</summary>
public sealed class DetailModel(LeadQueries leads) : PageModel
{
    public long LeadId { get; private set; }
    public LeadDetail? Lead { get; private set; }

    public async Task OnGetAsync(long id)
    {
        LeadId = id;
        Lead = await leads.DetailAsync(User.AccountId(), id);
        if (Lead is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
