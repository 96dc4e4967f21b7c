using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Admin.CustomFields;
using Leadline.ApiHost.Admin.Lists;
using Leadline.ApiHost.Admin.Tokens;

namespace Leadline.ApiHost.Admin;

/// <summary>The account admin API (token scope <c>admin</c>): lists, campaigns, custom fields, tokens. GET works too.</summary>
public static class AdminEndpoints
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services
        .AddSingleton<ListStore>()
        .AddSingleton<ListFanOut>()
        .AddSingleton<ListOperations>()
        .AddSingleton<CampaignStore>()
        .AddSingleton<CustomFieldStore>()
        .AddSingleton<TokenStore>();

    public static void MapAdmin(this IEndpointRouteBuilder routes)
    {
        Map(routes, "/v1/lists/create", ListEndpoints.CreateAsync);
        Map(routes, "/v1/lists/update", ListEndpoints.UpdateAsync);
        Map(routes, "/v1/lists/archive", ListEndpoints.ArchiveAsync);
        Map(routes, "/v1/lists/unarchive", ListEndpoints.UnarchiveAsync);
        Map(routes, "/v1/lists/search", ListEndpoints.SearchAsync);

        Map(routes, "/v1/campaigns/create", CampaignEndpoints.CreateAsync);
        Map(routes, "/v1/campaigns/update", CampaignEndpoints.UpdateAsync);
        Map(routes, "/v1/campaigns/search", CampaignEndpoints.SearchAsync);

        Map(routes, "/v1/custom-fields/create", CustomFieldEndpoints.CreateAsync);
        Map(routes, "/v1/custom-fields/search", CustomFieldEndpoints.SearchAsync);
        Map(routes, "/v1/custom-fields/delete", CustomFieldEndpoints.DeleteAsync);

        Map(routes, "/v1/tokens/create", TokenEndpoints.CreateAsync);
        Map(routes, "/v1/tokens/search", TokenEndpoints.SearchAsync);
        Map(routes, "/v1/tokens/revoke", TokenEndpoints.RevokeAsync);
    }

    private static void Map(IEndpointRouteBuilder routes, string path, Delegate handler) =>
        routes.MapMethods(path, ["GET", "POST"], handler);
}
