using Leadline.Grains;
using Npgsql;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// The /v1 API never answers a bare 500 page: a database or cluster outage is a 503 with Retry-After in
/// Convoso's shape, and anything else (a bug) is logged and answered in the same shape.
/// </summary>
public sealed class ConvosoExceptionMiddleware(RequestDelegate next, ILogger<ConvosoExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && http.Request.Path.StartsWithSegments("/v1"))
        {
            if (IsOutage(ex))
            {
                logger.LogWarning("Storage or cluster unavailable: {Error}", ex.Message);
                await ConvosoResponses.WriteErrorAsync(http.Response, ConvosoErrors.Unavailable);
            }
            else
            {
                logger.LogError(ex, "Unhandled error on {Path}", http.Request.Path);
                await ConvosoResponses.WriteErrorAsync(http.Response, new ConvosoError(500, 5000, "Internal error"));
            }
        }
    }

    private static bool IsOutage(Exception ex) =>
        ex is NpgsqlException or StorageUnavailableException or TimeoutException or OrleansException or SiloUnavailableException or OperationCanceledException
        || ex.InnerException is { } inner && IsOutage(inner);
}
