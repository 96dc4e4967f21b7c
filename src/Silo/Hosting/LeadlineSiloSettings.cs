using Microsoft.Extensions.Configuration;

namespace Leadline.Silo.Hosting;

/// <summary>Silo settings from appsettings.json / environment (section "Leadline").</summary>
public sealed class LeadlineSiloSettings
{
    public const string Section = "Leadline";

    public string ClusterId { get; set; } = "leadline-local";
    public string ServiceId { get; set; } = "leadline";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Port of the standalone silo's Prometheus /metrics (write batch sizes live here); 0 = off. A co-hosted
    /// API host ignores it: its own /metrics carries the same meters.
    /// </summary>
    public int MetricsPort { get; set; }

    public static LeadlineSiloSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<LeadlineSiloSettings>() ?? new LeadlineSiloSettings();
}
