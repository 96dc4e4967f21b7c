using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

public sealed class LoginModel(OperatorLogin operators, LoginThrottle throttle) : PageModel
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
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password))
            return Refuse();

        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(login, address) is { } wait)
        {
            // The password is not even checked, so guessing gains nothing until the window ends.
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            Error = $"Too many failed logins. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        var principal = await operators.SignInAsync(login.Trim(), password);
        if (principal is null)
        {
            throttle.Failed(login, address);
            return Refuse();
        }
        throttle.Succeeded(login, address);
        await HttpContext.SignInAsync(OperatorLogin.Scheme, principal);
        return LocalRedirect(ReturnUrl);
    }

    private PageResult Refuse()
    {
        Error = Refused;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>Only a path on this host: a login link must not send the operator elsewhere.</summary>
    private string SafeReturn(string? returnUrl) => returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
