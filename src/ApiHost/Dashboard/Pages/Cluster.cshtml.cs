using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans.Runtime;

namespace Leadline.ApiHost.Dashboard.Pages;

public sealed record SiloView(string Address, string Name, string Host, string Status, DateTimeOffset Started, DateTimeOffset? LastAlive, int? Activations);

public sealed record GrainTypeCount(string GrainType, int Activations);

/// <summary>
/// The silos from the membership table with their activation counts (Orleans' management grain), and the
/// busiest grain types. Shared by every account: it shows the cluster, never an account's data.
/// </summary>
public sealed class ClusterModel(IGrainFactory grains, IConfiguration configuration) : PageModel
{
    public bool OrleansDashboard => DashboardSetup.OrleansDashboardEnabled(configuration);

    public IReadOnlyList<SiloView> Silos { get; private set; } = [];
    public IReadOnlyList<GrainTypeCount> GrainTypes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var activations = await ActivationsAsync(management, active);
        Silos = [.. hosts
            .OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1).ThenByDescending(h => h.StartTime)
            .Select(h => new SiloView(h.SiloAddress.ToString(), h.SiloName, h.HostName, h.Status.ToString(),
                new DateTimeOffset(h.StartTime, TimeSpan.Zero), h.IAmAliveTime == default ? null : new DateTimeOffset(h.IAmAliveTime, TimeSpan.Zero),
                activations.TryGetValue(h.SiloAddress, out var n) ? n : null))];
        GrainTypes = [.. (await management.GetSimpleGrainStatistics())
            .GroupBy(s => s.GrainType)
            .Select(g => new GrainTypeCount(g.Key, g.Sum(s => s.ActivationCount)))
            .OrderByDescending(g => g.Activations).Take(15)];
    }

    /// <summary>Per silo; a silo that stops answering (it may be dying as the page loads) leaves the counts unknown.</summary>
    private static async Task<Dictionary<SiloAddress, int>> ActivationsAsync(IManagementGrain management, SiloAddress[] silos)
    {
        if (silos.Length == 0)
            return [];
        try
        {
            var stats = await management.GetRuntimeStatistics(silos);
            return silos.Zip(stats).ToDictionary(p => p.First, p => p.Second.ActivationCount);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return [];
        }
    }
}
