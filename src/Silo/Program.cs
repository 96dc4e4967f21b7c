using Leadline.Silo.Hosting;
using Leadline.Silo.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

// `Leadline.Silo migrate` applies the migrations and exits; without arguments the silo migrates,
// then serves. A standalone silo: the separate topology (docker-compose, more machines), or one more
// silo joining a co-hosted API host's cluster.
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "migrate").ToArray());
var connectionString = builder.Configuration.GetConnectionString("Leadline")
    ?? throw new InvalidOperationException("ConnectionStrings:Leadline (env ConnectionStrings__Leadline) is not set.");

DatabaseMigrator.Migrate(connectionString);
if (args.Contains("migrate"))
{
    Console.WriteLine("Migrations applied.");
    return;
}

var settings = LeadlineSiloSettings.From(builder.Configuration);
builder.UseLeadlineSilo(connectionString);

if (settings.MetricsPort > 0)
{
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
        .AddMeter("Leadline.Storage", "System.Runtime")
        .AddPrometheusHttpListener(o =>
        {
            o.Host = MetricsHost(settings);
            o.Port = settings.MetricsPort;
        }));
}

await builder.Build().RunAsync();

// Loopback locally; every interface in a container, where the advertised address is left empty.
static string MetricsHost(LeadlineSiloSettings settings) =>
    string.IsNullOrEmpty(settings.AdvertisedIPAddress) ? "+" : settings.AdvertisedIPAddress;
