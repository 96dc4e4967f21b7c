using Leadline.ApiHost.DncApi.Import;

// Not "Leadline.ApiHost.Dnc", to match HopperApi (a namespace named like a parameter constant hides it).
namespace Leadline.ApiHost.DncApi;

/// <summary>The DNC API, /v1/dnc/* (token scope <c>dnc</c>), Convoso's dialect. GET works too, as for insert.</summary>
public static class DncEndpoints
{
    public static IServiceCollection AddDnc(this IServiceCollection services) => services
        .AddSingleton<DncQueries>()
        .AddSingleton<DncHopperCleaner>()
        .AddSingleton<DncOperations>()
        .AddSingleton<DncImportWriter>();

    public static void MapDnc(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/v1/dnc/insert", ["GET", "POST"], InsertEndpoint.HandleAsync);
        routes.MapMethods("/v1/dnc/search", ["GET", "POST"], SearchEndpoint.HandleAsync);
        routes.MapMethods("/v1/dnc/update", ["GET", "POST"], UpdateEndpoint.HandleAsync);
        routes.MapMethods("/v1/dnc/delete", ["GET", "POST"], DeleteEndpoint.HandleAsync);
        routes.MapPost("/v1/dnc/import", ImportEndpoint.HandleAsync);
    }
}
