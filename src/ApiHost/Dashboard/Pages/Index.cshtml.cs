using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>The dashboard opens on the API page, where vendors' integrators are sent.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/api/leads");
}
