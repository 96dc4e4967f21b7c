using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Imports.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages.Imports;

/// <summary>Imports: the account's recent lead uploads with their state and counts, and the way to upload another.</summary>
public sealed class IndexModel(ImportJobStore store) : PageModel
{
    public const int Shown = 50;

    public IReadOnlyList<ImportJob> Jobs { get; private set; } = [];

    public async Task OnGetAsync() => Jobs = await store.RecentAsync(User.AccountId(), Shown);
}
