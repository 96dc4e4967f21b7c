using Leadline.ApiHost.V1;

// Not "Leadline.ApiHost.Hopper": a namespace of that name would hide InsertParameterNames.Hopper,
// which the insert parser reaches through `using static`.
namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// The dialer API, /v1/hopper/* (token scope <c>hopper</c>), on the /v1 pipeline in the REST dialect: a bad
/// request is a real 4xx (400, 401, 403, 404, 409), so a dialer's loop can tell "empty hopper" from "you asked
/// wrongly" by status alone. GET works too, as everywhere in /v1.
/// </summary>
public static class HopperEndpoints
{
    public static void MapHopper(this IEndpointRouteBuilder v1)
    {
        Map(v1, "hopper/pull", PullEndpoint.Contract, PullEndpoint.HandleAsync);
        Map(v1, "hopper/ack", LeaseEndpoints.AckContract, LeaseEndpoints.AckAsync);
        Map(v1, "hopper/release", LeaseEndpoints.ReleaseContract, LeaseEndpoints.ReleaseAsync);
        Map(v1, "hopper/status", StatusEndpoint.Contract, StatusEndpoint.HandleAsync);
        Map(v1, "hopper/add", AddRemoveEndpoints.AddContract, AddRemoveEndpoints.AddAsync);
        Map(v1, "hopper/remove", AddRemoveEndpoints.RemoveContract, AddRemoveEndpoints.RemoveAsync);
    }

    private static void Map(IEndpointRouteBuilder v1, string path, ApiEndpoint contract, Delegate handler) =>
        v1.MapApi(path, contract, handler).AddEndpointFilter(RestAnswers.StartResponse);
}
