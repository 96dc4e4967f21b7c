using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>The /v1 OpenAPI document describes every admin path and alias with the parameters each one reads.</summary>
public sealed class AdminOpenApiTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    public static readonly TheoryData<string, string[]> PathsAndParameters = new()
    {
        { "/v1/lists/insert", ["auth_token", "name", "campaign_id", "description", "status"] },
        { "/v1/lists/create", ["auth_token", "name", "campaign_id", "description", "status"] },
        { "/v1/lists/update", ["auth_token", "list_id", "name", "campaign_id", "description", "status"] },
        { "/v1/lists/delete", ["auth_token", "list_id"] },
        { "/v1/lists/archive", ["auth_token", "list_id"] },
        { "/v1/lists/unarchive", ["auth_token", "list_id"] },
        { "/v1/lists/search", ["auth_token", "id", "list_id", "campaign_id", "status", "name", "archived", "offset", "limit"] },
        { "/v1/campaigns/create", ["auth_token", "name", "status"] },
        { "/v1/campaigns/update", ["auth_token", "campaign_id", "name", "status"] },
        { "/v1/campaigns/status", ["auth_token", "campaign_id", "status"] },
        { "/v1/campaigns/search", ["auth_token", "id", "campaign_id", "status", "name", "offset", "limit"] },
        { "/v1/custom-fields/create", ["auth_token", "name", "label", "max_length"] },
        { "/v1/custom-fields/search", ["auth_token", "name", "offset", "limit"] },
        { "/v1/custom-fields/delete", ["auth_token", "name"] },
        { "/v1/tokens/create", ["auth_token", "name", "scopes"] },
        { "/v1/tokens/search", ["auth_token", "token_id", "name", "revoked", "offset", "limit"] },
        { "/v1/tokens/revoke", ["auth_token", "token_id"] },
    };

    [Theory]
    [MemberData(nameof(PathsAndParameters))]
    public async Task The_openapi_document_lists_the_path_for_GET_and_POST_with_its_parameters(string path, string[] parameters)
    {
        using var document = JsonDocument.Parse(await leadline.Http.GetStringAsync("/v1/openapi.json"));

        var item = document.RootElement.GetProperty("paths").GetProperty(path);
        foreach (var method in new[] { "get", "post" })
            Assert.Equal(parameters, item.GetProperty(method).GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }
}
