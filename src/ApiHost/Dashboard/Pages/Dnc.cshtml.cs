using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

public sealed class DncModel(AccountQueries account) : PageModel
{
    public IReadOnlyList<DncRow> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await account.DncAsync(User.AccountId());
}
