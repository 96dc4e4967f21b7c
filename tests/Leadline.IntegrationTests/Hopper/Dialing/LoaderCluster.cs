using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>Two silos, real time, calling hours not enforced (the loader is the subject), a loader cycle every second.</summary>
public sealed class LoaderCluster : LeadlineCluster
{
    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Leadline:Hopper:LoaderEvery"] = "00:00:01",
    };
}
