using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.Imports.Jobs;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Caching.Memory;
using Orleans.Dashboard;

namespace Leadline.ApiHost.Dashboard;

/// <summary>
/// The operator dashboard: Razor Pages under Dashboard/Pages behind an operator cookie login. Only the
/// pages require the login; the /v1 API keeps its token auth and never reads the cookie's identity.
/// </summary>
public static class DashboardSetup
{
    /// <summary>
    /// Opt-in (silos and API host alike): the Orleans Dashboard's profiler filters every grain call on the silos,
    /// which the insert path should not pay by default. When on, its pages are at <see cref="OrleansDashboardPath"/>.
    /// </summary>
    public const string OrleansDashboardSetting = "Leadline:OrleansDashboard";
    public const string OrleansDashboardPath = "/orleans";

    // The keys UseAuthentication / UseAuthorization write into IApplicationBuilder.Properties (not public constants).
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    public static bool OrleansDashboardEnabled(IConfiguration configuration) => configuration.GetValue<bool>(OrleansDashboardSetting);

    /// <param name="clusterClientSide">
    /// True when this process is a cluster client: the Orleans Dashboard then needs its client side. A co-hosted
    /// silo's AddDashboard (LeadlineSiloBuilderExtensions) already registers everything its pages use.
    /// </param>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, bool clusterClientSide = true)
    {
        if (clusterClientSide && OrleansDashboardEnabled(configuration))
            new ServicesClientBuilder(services, configuration).AddDashboard(options => options.HideTrace = true);
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
            .AddSingleton(services => new LoginThrottle(services.GetRequiredService<IMemoryCache>(), TimeProvider.System))
            .AddSingleton<AccountQueries>()
            .AddSingleton<LeadQueries>()
            .AddSingleton<UserQueries>()
            .AddSingleton<HopperQueries>()
            .AddImportJobs(configuration);
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
        // The /v1 API authenticates by token, never by the operator cookie: its requests skip these (the insert
        // hot path should not pay for reading a cookie it ignores).
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/v1"), pages =>
        {
            pages.UseAuthentication();
            pages.UseAuthorization();
        });
        // WebApplication adds both middlewares in front of the whole pipeline by itself unless the root builder says
        // they are in place; the branch's own marks stay in the branch. Without these, every /v1 request ran the cookie
        // handler and the authorization middleware anyway (~8% of the insert's allocations in bench/, issue 11).
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        ((IApplicationBuilder)app).Properties[AuthorizationMiddlewareSetKey] = true;
        app.MapRazorPages();
        DashboardAssets.Map(app);
        if (OrleansDashboardEnabled(app.Configuration))
            app.MapOrleansDashboard(OrleansDashboardPath).RequireAuthorization();
    }
}

/// <summary>
/// The Orleans Dashboard registers its client side on an <see cref="IClientBuilder"/>. The host's services are
/// where the cluster client lives (UseOrleansClient adds to them; tests add their cluster's client), so this hands
/// the dashboard those services in both cases.
/// </summary>
internal sealed class ServicesClientBuilder(IServiceCollection services, IConfiguration configuration) : IClientBuilder
{
    public IServiceCollection Services => services;
    public IConfiguration Configuration => configuration;
}
