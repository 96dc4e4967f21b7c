using System.Net;
using System.Text.Json;
using Leadline.ApiHost.V1;
using Leadline.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Leadline.IntegrationTests.Convoso;

/// <summary>/v1/openapi.json describes every /v1 endpoint, with the parameters of the catalog the pipeline uses.</summary>
public sealed class OpenApiDocumentTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task The_document_has_every_v1_endpoint_with_every_catalog_parameter()
    {
        using var response = await leadline.Http.GetAsync(OpenApiSetup.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        var endpoints = leadline.ApiServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiEndpoint>() is not null)
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            foreach (var method in new[] { "get", "post" })
            {
                Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is not in the document");
                var documented = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
                var contract = endpoint.Metadata.GetMetadata<ApiEndpoint>()!;
                Assert.Contains(ApiRequest.AuthToken, documented);
                Assert.All(contract.Parameters, p => Assert.Contains(p.Name, documented));
            }
        }
    }

    [Fact]
    public async Task The_insert_operation_says_which_parameters_are_required()
    {
        var document = JsonDocument.Parse(await leadline.Http.GetStringAsync(OpenApiSetup.DocumentPath)).RootElement;
        var parameters = document.GetProperty("paths").GetProperty("/v1/leads/insert").GetProperty("post").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());

        Assert.True(parameters["list_id"]);
        Assert.True(parameters["phone_number"]);
        Assert.False(parameters["check_dup"]);
    }
}
