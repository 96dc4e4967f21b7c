using System.Net;
using Microsoft.Extensions.Hosting;

namespace Leadline.Silo.Hosting;

public static class LeadlineSiloHosting
{
    /// <summary>
    /// The one silo set-up of every Leadline process that holds a silo: the standalone silo (src/Silo) and the
    /// API host in its co-hosted topology. Same settings (section "Leadline"), same cluster: a co-hosted API host
    /// and standalone silos with one ClusterId/ServiceId on one database form one cluster.
    /// </summary>
    public static TBuilder UseLeadlineSilo<TBuilder>(this TBuilder builder, string connectionString, Action<ISiloBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var settings = LeadlineSiloSettings.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            // Locally the silo stays on loopback; in a container (empty setting) it advertises its own address.
            if (string.IsNullOrEmpty(settings.AdvertisedIPAddress))
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedIPAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.AddLeadline(connectionString);
            configure?.Invoke(silo);
        });
        return builder;
    }
}
