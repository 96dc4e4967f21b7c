using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

public sealed class LoginModel(OperatorLogin operators) : PageModel
{
    /// <summary>One message for an unknown login and a wrong password alike.</summary>
    public const string Refused = "Login or password is wrong.";

    public string? Error { get; private set; }
    public string? Login { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? login, string? password, string? returnUrl)
    {
        Login = login;
        ReturnUrl = SafeReturn(returnUrl);
        var principal = string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password)
            ? null
            : await operators.SignInAsync(login.Trim(), password);
        if (principal is null)
        {
            Error = Refused;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(OperatorLogin.Scheme, principal);
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Only a path on this host: a login link must not send the operator elsewhere.</summary>
    private string SafeReturn(string? returnUrl) => returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
