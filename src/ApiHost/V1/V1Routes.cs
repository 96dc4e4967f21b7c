using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.V1;

/// <summary>
/// The /v1 route group: every endpoint family maps into it with <see cref="MapApi"/>, so every /v1 request
/// runs the same pipeline — parameters read once, token and scope, rate limit, the one refusal writer.
/// </summary>
public static class V1Routes
{
    public const string Prefix = "/v1";
    private static readonly string[] Methods = ["GET", "POST"];

    /// <summary>The group the families map into; call after <see cref="UseV1Paths"/>.</summary>
    public static RouteGroupBuilder MapV1(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix).AddEndpointFilter<ApiEndpointFilter>();

    /// <summary>
    /// Maps one endpoint at <paramref name="path"/> (relative to /v1) and its aliases, for GET and POST as
    /// Convoso takes both. The handler must take an <see cref="ApiRequest"/> (that is what authenticates it)
    /// and return an <see cref="ApiResult"/>; a handler that does not is refused at start-up.
    /// </summary>
    public static IEndpointConventionBuilder MapApi(this IEndpointRouteBuilder v1, string path, ApiEndpoint endpoint, Delegate handler)
    {
        var parameters = handler.Method.GetParameters();
        if (!parameters.Any(p => p.ParameterType == typeof(ApiRequest)))
            throw new InvalidOperationException($"/v1/{path}: the handler must take an ApiRequest, or it would run unauthenticated");
        var builders = new[] { path }.Concat(endpoint.Aliases)
            .Select(p => v1.MapMethods(p, Methods, handler).WithMetadata(endpoint).WithName(p.Replace('/', '_')))
            .ToList();
        return new Conventions(builders);
    }

    /// <summary>
    /// Before routing: <c>//</c> in a path becomes <c>/</c> (a client configured with a base URL ending in a
    /// slash sends <c>/v1//leads/insert</c>). After the endpoints: an unknown /v1 path or method answers the
    /// JSON envelope, never an empty body that a client cannot decode.
    /// </summary>
    public static void UseV1Paths(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var path = http.Request.Path.Value;
            if (path is not null && path.Contains("//", StringComparison.Ordinal))
                http.Request.Path = new PathString(CollapseSlashes(path));
            return next(http);
        });
        app.UseRouting();
        app.Use(async (http, next) =>
        {
            await next(http);
            // An endpoint of ours answered itself (a REST 404 refusal is its answer, not an unknown path).
            if (http.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>() is not null
                || http.Response.HasStarted || !http.Request.Path.StartsWithSegments(Prefix)
                || http.Response.StatusCode is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed))
                return;
            var error = http.Response.StatusCode == StatusCodes.Status404NotFound
                ? new ConvosoError(ErrorCodes.NoSuchEndpoint, $"No such API endpoint: {http.Request.Path} (see {OpenApiSetup.DocumentPath})")
                : new ConvosoError(ErrorCodes.MethodNotAllowed, $"{http.Request.Method} is not served; use GET or POST");
            await ApiResult.WriteAsync(http.Response, ApiDialect.Rest, error, null, []);
        });
    }

    internal static string CollapseSlashes(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
            if (c != '/' || builder.Length == 0 || builder[^1] != '/')
                builder.Append(c);
        return builder.ToString();
    }

    private sealed class Conventions(IReadOnlyList<RouteHandlerBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
                builder.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
                builder.Finally(finallyConvention);
        }
    }
}
