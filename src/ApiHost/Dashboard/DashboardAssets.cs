using System.Reflection;

namespace Leadline.ApiHost.Dashboard;

/// <summary>
/// The dashboard's one CSS and one JS file, embedded in the assembly so they are served wherever the host
/// runs (tests run it from their own folder, with no wwwroot). Nothing is fetched from elsewhere.
/// </summary>
public static class DashboardAssets
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/assets/dashboard.css", "Leadline.ApiHost.Dashboard.Assets.dashboard.css", "text/css; charset=utf-8"),
        ("/assets/dashboard.js", "Leadline.ApiHost.Dashboard.Assets.dashboard.js", "text/javascript; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder routes)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var bytes = Read(resource);
            routes.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(bytes, contentType);
            });
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
