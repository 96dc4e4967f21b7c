namespace Leadline.ApiHost.Hosting;

/// <summary>
/// Where the API host's grains run, from the setting <c>Leadline:Topology</c> (env <c>Leadline__Topology</c>).
/// <list type="bullet">
/// <item><c>cohosted</c> (the default, what ./run.sh runs): the silo runs inside the API host's process — local grain
/// calls without a client→gateway hop or message serialization. Migrations are applied at start, as the silo does.
/// More standalone silos (src/Silo, same ClusterId) may join it.</item>
/// <item><c>client</c>: the API host is an Orleans client of standalone silos found in the membership table
/// (docker-compose, several machines).</item>
/// </list>
/// </summary>
public enum ApiHostTopology
{
    CoHosted,
    Client,
}

public static class ApiHostTopologySetting
{
    public const string Key = "Leadline:Topology";

    public static ApiHostTopology From(IConfiguration configuration) => configuration[Key]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cohosted" => ApiHostTopology.CoHosted,
        "client" => ApiHostTopology.Client,
        var other => throw new InvalidOperationException($"{Key} is '{other}': use 'cohosted' (silo in this process) or 'client' (standalone silos)."),
    };
}
