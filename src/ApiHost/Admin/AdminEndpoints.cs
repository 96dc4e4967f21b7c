using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Admin.CustomFields;
using Leadline.ApiHost.Admin.Lists;
using Leadline.ApiHost.Admin.Tokens;

namespace Leadline.ApiHost.Admin;

/// <summary>
/// The account admin API (token scope <c>admin</c>, Convoso dialect): lists, campaigns, custom fields,
/// tokens, on the /v1 pipeline (GET and POST). Lists and campaigns speak Convoso's names and shapes; see
/// docs/api-admin.md.
/// </summary>
public static class AdminEndpoints
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services
        .AddSingleton<ListStore>()
        .AddSingleton<ListFanOut>()
        .AddSingleton<ListOperations>()
        .AddSingleton<CampaignStore>()
        .AddSingleton<CustomFieldStore>()
        .AddSingleton<TokenStore>();

    /// <summary>Maps the admin families into the /v1 group (paths relative to /v1).</summary>
    public static void MapAdmin(this IEndpointRouteBuilder v1)
    {
        v1.MapLists();
        v1.MapCampaigns();
        v1.MapCustomFields();
        v1.MapTokens();
    }
}
