using Leadline.ApiHost.DncApi.Import;
using Leadline.ApiHost.V1;

// Not "Leadline.ApiHost.Dnc", to match HopperApi (a namespace named like a parameter constant hides it).
namespace Leadline.ApiHost.DncApi;

/// <summary>
/// The DNC API, /v1/dnc/* (token scope <c>dnc</c>), on the /v1 pipeline in Convoso's dialect: GET or POST,
/// parameters from the query string, a form or a flat JSON body, refusals HTTP 200 with Convoso's DNC codes.
/// </summary>
public static class DncEndpoints
{
    public static IServiceCollection AddDnc(this IServiceCollection services) => services
        .AddSingleton<DncQueries>()
        .AddSingleton<DncHopperCleaner>()
        .AddSingleton<DncOperations>()
        .AddSingleton<DncImportWriter>();

    /// <summary>Maps the family into the /v1 group (<see cref="V1Routes.MapV1"/>).</summary>
    public static void MapDnc(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("dnc/insert", InsertEndpoint.Contract, InsertEndpoint.HandleAsync);
        v1.MapApi("dnc/search", SearchEndpoint.Contract, SearchEndpoint.HandleAsync);
        v1.MapApi("dnc/update", UpdateEndpoint.Contract, UpdateEndpoint.HandleAsync);
        v1.MapApi("dnc/delete", DeleteEndpoint.Contract, DeleteEndpoint.HandleAsync);
        v1.MapApi("dnc/import", ImportEndpoint.Contract, ImportEndpoint.HandleAsync);
    }
}
