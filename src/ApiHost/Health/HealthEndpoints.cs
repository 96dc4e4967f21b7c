using Leadline.Grains.Health;

namespace Leadline.ApiHost.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// /health/live: the process runs. /health/ready: an insert could be served now — the silos answer
    /// and reach PostgreSQL.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        routes.MapGet("/health/ready", async (IGrainFactory grains, CancellationToken ct) =>
        {
            try
            {
                var ready = await grains.GetGrain<IReadinessGrain>(0).CheckAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                return ready ? Results.Ok(new { status = "ready" }) : Results.Json(new { status = "database unavailable" }, statusCode: 503);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Json(new { status = "cluster unavailable" }, statusCode: 503);
            }
        });
    }
}
