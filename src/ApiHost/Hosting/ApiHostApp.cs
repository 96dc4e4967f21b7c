using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Admin;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard;
using Leadline.ApiHost.DncApi;
using Leadline.ApiHost.Health;
using Leadline.ApiHost.HopperApi;
using Leadline.ApiHost.Leads;
using Leadline.ApiHost.Leads.Changes;
using Leadline.ApiHost.Leads.Insert;
using Leadline.ApiHost.Leads.Search;
using Leadline.ApiHost.V1;
using Leadline.ApiHost.Workflows;
using Leadline.Silo.Hosting;
using Leadline.Silo.Migrations;
using OpenTelemetry.Metrics;

namespace Leadline.ApiHost.Hosting;

/// <summary>
/// Builds the API host: with its silo in this process or as an Orleans client of standalone silos
/// (<see cref="ApiHostTopology"/>); tests may pass the client of their in-process cluster instead.
/// </summary>
public static class ApiHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, IClusterClient? clusterClient = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl); // loopback unless ASPNETCORE_URLS / --urls say otherwise

        // Hosting's request log prints full URLs, and vendors put auth_token in the query string. Off entirely: while any
        // level of this category is enabled, hosting starts an Activity and a log scope for every request (bench/, issue
        // 11). Its only other messages are start-up failures, which end the process with the exception anyway.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = FlatParameters.MaxBodyBytes);

        var connectionString = builder.Configuration.GetConnectionString("Leadline")
            ?? throw new InvalidOperationException("ConnectionStrings:Leadline (env ConnectionStrings__Leadline) is not set.");
        builder.Services.AddSingleton(_ => LeadlineDataSource.Create(connectionString));

        var topology = clusterClient is null ? ApiHostTopologySetting.From(builder.Configuration) : ApiHostTopology.Client;
        if (clusterClient is not null)
            builder.Services.AddSingleton(clusterClient).AddSingleton<IGrainFactory>(clusterClient);
        else if (topology == ApiHostTopology.Client)
            builder.UseOrleansClient(client => client.AddLeadlineClustering(builder.Configuration, connectionString));
        else
        {
            DatabaseMigrator.Migrate(connectionString); // as a standalone silo does before it serves
            builder.UseLeadlineSilo(connectionString);
        }

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiTokenAuthenticator>();
        builder.Services.AddSingleton<AccountDirectory>();
        builder.Services.AddSingleton<AccountProvisioner>();
        builder.Services.AddSingleton<PhoneShardRefs>();
        builder.Services.AddWorkflows();
        builder.Services.AddSingleton(services => new ApiRateLimiter(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddAdmin();
        builder.Services.AddDnc();
        builder.Services.AddSingleton<LeadLocator>();
        builder.Services.AddSingleton<LeadChanges>();
        builder.Services.AddSingleton<LeadSearchStore>();
        builder.Services.AddSingleton<Leads.Import.Mappings.ImportMappingStore>();
        builder.Services.AddSingleton(LeadSearchOptions.From(builder.Configuration));
        builder.Services.AddDashboard(builder.Configuration, clusterClientSide: topology == ApiHostTopology.Client);
        builder.Services.AddV1OpenApi();
        // Leadline's own meters and the runtime's (observed only when scraped: GC, allocated bytes, thread pool; bench/
        // reads allocations per insert from them): ASP.NET Core's per-request instrumentation cost about 9% of the
        // API host's CPU per insert in bench/, and the insert counter already says what happened.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Leadline.Api", "Leadline.Storage", "System.Runtime")
            .AddPrometheusExporter());

        var app = builder.Build();
        app.UseMiddleware<ConvosoExceptionMiddleware>();
        app.UseV1Paths();
        var v1 = app.MapV1();
        v1.MapInsertLead();
        v1.MapHopper();
        v1.MapWorkflows();
        v1.MapDnc();
        v1.MapSearchLeads();
        v1.MapAdmin();
        v1.MapLeadChanges();
        app.MapHealth();
        app.MapV1OpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapDashboard();
        return app;
    }
}
