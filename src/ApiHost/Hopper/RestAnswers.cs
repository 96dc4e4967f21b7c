using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// For the REST-dialect families (hopper, workflows): starts the response once an answer is written.
/// <see cref="V1Routes.UseV1Paths"/> answers a /v1 response that is a 404 and has not started as an unknown
/// path, and <see cref="ApiResult"/> leaves its body in the response pipe unflushed, so a handler's own 404
/// refusal (6001, 6005, 6101, 6301, 6302) got a second "No such API endpoint" object appended to it. Only
/// these families answer 404 (the Convoso dialect answers refusals with 200). Drop this filter when
/// UseV1Paths skips requests that matched an endpoint (or ApiResult flushes).
/// </summary>
public static class RestAnswers
{
    public static async ValueTask<object?> StartResponse(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        object? answer;
        try
        {
            answer = await next(context);
        }
        catch (ApiRefusal ex)
        {
            answer = ApiResult.Refused(ex.Error); // as ApiEndpointFilter would answer it, but started
        }
        return answer is IResult result ? new Started(result) : answer;
    }

    private sealed class Started(IResult answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            await answer.ExecuteAsync(http);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
    }
}
