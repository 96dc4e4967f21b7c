using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>POST only (with the antiforgery token), so a link on another site cannot log an operator out.</summary>
public sealed class LogoutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(OperatorLogin.Scheme);
        return Redirect("/login");
    }
}
