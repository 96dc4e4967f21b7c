using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

public sealed class CampaignsModel(AccountQueries account) : PageModel
{
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];

    public async Task OnGetAsync() => Campaigns = await account.CampaignsAsync(User.AccountId());
}
