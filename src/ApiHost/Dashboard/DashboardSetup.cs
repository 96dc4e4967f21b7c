using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace Leadline.ApiHost.Dashboard;

/// <summary>
/// The operator dashboard: Razor Pages under Dashboard/Pages behind an operator cookie login. Only the
/// pages require the login; the /v1 API keeps its token auth and never reads the cookie's identity.
/// </summary>
public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Login");
        }).ConfigureApplicationPartManager(AddThisAssembly);
        services.AddAuthentication(OperatorLogin.Scheme).AddCookie(OperatorLogin.Scheme, cookie =>
        {
            cookie.Cookie.Name = "leadline.operator";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/login";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddAntiforgery(options => options.Cookie.Name = "leadline.antiforgery");
        return services
            .AddSingleton<OperatorLogin>()
            .AddSingleton<TokenQueries>()
            .AddSingleton<AccountQueries>()
            .AddSingleton<LeadQueries>()
            .AddSingleton<HopperQueries>();
    }

    /// <summary>
    /// Pages are found in the entry assembly's parts; when a test host runs the API host, the entry assembly is
    /// the test runner, so the pages' assembly is added explicitly (once).
    /// </summary>
    private static void AddThisAssembly(ApplicationPartManager parts)
    {
        var assembly = typeof(DashboardSetup).Assembly;
        if (parts.ApplicationParts.Any(p => p is AssemblyPart a && a.Assembly == assembly))
            return;
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            parts.ApplicationParts.Add(part);
    }

    public static void MapDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        DashboardAssets.Map(app);
    }
}
