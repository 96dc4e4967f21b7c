// Not "Leadline.ApiHost.Hopper": a namespace of that name would hide InsertParameterNames.Hopper,
// which the insert parser reaches through `using static`.
namespace Leadline.ApiHost.HopperApi;

/// <summary>The dialer API, /v1/hopper/* (token scope <c>hopper</c>). GET works too, as for insert.</summary>
public static class HopperEndpoints
{
    public static void MapHopper(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/v1/hopper/pull", ["GET", "POST"], PullEndpoint.HandleAsync);
        routes.MapMethods("/v1/hopper/ack", ["GET", "POST"], LeaseEndpoints.AckAsync);
        routes.MapMethods("/v1/hopper/release", ["GET", "POST"], LeaseEndpoints.ReleaseAsync);
        routes.MapMethods("/v1/hopper/status", ["GET", "POST"], StatusEndpoint.HandleAsync);
        routes.MapMethods("/v1/hopper/add", ["GET", "POST"], AddRemoveEndpoints.AddAsync);
        routes.MapMethods("/v1/hopper/remove", ["GET", "POST"], AddRemoveEndpoints.RemoveAsync);
    }
}
