using System.Net;
using System.Net.Sockets;
using Leadline.ApiHost.Hosting;
using Leadline.IntegrationTests.Infrastructure;
using Leadline.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Leadline.IntegrationTests.CoHosted;

/// <summary>
/// The single-node topology ./run.sh runs: the real API host (<see cref="ApiHostApp"/>, Leadline:Topology=cohosted)
/// with its silo in its own process, on the test database, under a cluster id of its own and on free ports. No
/// TestingHost: the API host migrates, joins the PostgreSQL membership and serves HTTP as it does in production.
/// </summary>
public sealed class CoHostedLeadline : LeadlineCluster
{
    public string ClusterId { get; } = "cohosted-" + Guid.NewGuid().ToString("N")[..8];
    public int SiloPort { get; } = FreePort();
    public int GatewayPort { get; } = FreePort();

    protected override Task StartAsync() => StartApiAsync(ApiHostApp.Build(ApiArguments(
        [$"--{ApiHostTopologySetting.Key}=cohosted", .. SiloArguments(SiloPort, GatewayPort), "--Leadline:OrleansDashboard=true"])));

    /// <summary>Stops the process's host (its silo leaves the cluster) and starts a new one on the same database and silo ports.</summary>
    public async Task RestartAsync()
    {
        await StopApiAsync();
        await StartAsync();
    }

    /// <summary>
    /// A standalone silo (src/Silo's set-up, <see cref="LeadlineSiloHosting.UseLeadlineSilo"/>) joining this cluster:
    /// adding silos is how a co-hosted node scales out.
    /// </summary>
    public async Task<IHost> StartStandaloneSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddCommandLine([$"--ConnectionStrings:Leadline={Database.ConnectionString}",
            "--Logging:LogLevel:Default=Warning", .. SiloArguments(FreePort(), FreePort())]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseLeadlineSilo(Database.ConnectionString);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private string[] SiloArguments(int siloPort, int gatewayPort) =>
        [$"--Leadline:ClusterId={ClusterId}", $"--Leadline:SiloPort={siloPort}", $"--Leadline:GatewayPort={gatewayPort}",
         "--Leadline:AdvertisedIPAddress=127.0.0.1"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
