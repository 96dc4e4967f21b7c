using Leadline.ApiHost.V1;
using Leadline.Grains;
using Npgsql;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// The /v1 API never answers a bare 500 page: a database or cluster outage is a 503 with Retry-After in
/// Convoso's shape, and anything else (a defect) is logged and answered in the same shape, through the same
/// writer as every answer.
/// </summary>
public sealed class ConvosoExceptionMiddleware(RequestDelegate next, ILogger<ConvosoExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && http.Request.Path.StartsWithSegments(V1Routes.Prefix))
        {
            var dialect = http.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>()?.Dialect ?? ApiDialect.Rest;
            if (IsOutage(ex))
            {
                logger.LogWarning(ex, "Storage or cluster unavailable on {Path}", http.Request.Path);
                await ApiResult.WriteAsync(http.Response, dialect, ConvosoErrors.Unavailable, null, []);
            }
            else
            {
                logger.LogError(ex, "Unhandled error on {Path}", http.Request.Path);
                await ApiResult.WriteAsync(http.Response, dialect, ConvosoErrors.Internal, null, []);
            }
        }
    }

    private static bool IsOutage(Exception ex) =>
        ex is NpgsqlException or StorageUnavailableException or TimeoutException or OrleansException or SiloUnavailableException or OperationCanceledException
        || ex.InnerException is { } inner && IsOutage(inner);
}
