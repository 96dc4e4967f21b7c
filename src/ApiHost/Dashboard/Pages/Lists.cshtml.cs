using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

public sealed class ListsModel(AccountQueries account) : PageModel
{
    public IReadOnlyList<ListRow> Lists { get; private set; } = [];

    public async Task OnGetAsync() => Lists = await account.ListsAsync(User.AccountId());
}
