using Leadline.ApiHost.Accounts;
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
        var pulls = new HopperPullBatcher(); // one per host: groups its concurrent pulls per campaign
        v1.MapApi("hopper/pull", PullEndpoint.Contract,
            (ApiRequest request, AccountDirectory directory, IGrainFactory grains) => PullEndpoint.HandleAsync(request, directory, grains, pulls));
        v1.MapApi("hopper/ack", LeaseEndpoints.AckContract, LeaseEndpoints.AckAsync);
        v1.MapApi("hopper/release", LeaseEndpoints.ReleaseContract, LeaseEndpoints.ReleaseAsync);
        v1.MapApi("hopper/status", StatusEndpoint.Contract, StatusEndpoint.HandleAsync);
        v1.MapApi("hopper/add", AddRemoveEndpoints.AddContract, AddRemoveEndpoints.AddAsync);
        v1.MapApi("hopper/remove", AddRemoveEndpoints.RemoveContract, AddRemoveEndpoints.RemoveAsync);
    }
}
