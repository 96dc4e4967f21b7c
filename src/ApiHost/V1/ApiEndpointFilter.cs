namespace Leadline.ApiHost.V1;

/// <summary>
/// The one place a /v1 refusal becomes an answer: a request the pipeline refused while binding (parameters,
/// token, scope, rate limit) never reaches its handler, and an <see cref="ApiRefusal"/> thrown by a handler is
/// answered like one it returned. Outages and defects are the exception middleware's.
/// </summary>
public sealed class ApiEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<ApiRequest>()?.Refusal is { } refusal)
            return ApiResult.Refused(refusal);
        try
        {
            return await next(context);
        }
        catch (ApiRefusal ex)
        {
            return ApiResult.Refused(ex.Error);
        }
    }
}
