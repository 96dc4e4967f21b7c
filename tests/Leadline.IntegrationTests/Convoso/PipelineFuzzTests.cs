using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Leadline.ApiHost.V1;
using Leadline.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Leadline.IntegrationTests.Convoso;

/// <summary>
/// Malformed requests to every /v1 endpoint — odd methods, bodies, content types, names and values — are
/// answered in the JSON envelope and never with a 5xx (the cluster and database are up throughout).
/// </summary>
public sealed class PipelineFuzzTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const int Requests = 2000;

    private static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "\"x\"", "{\"a\":{\"b\":1}}", "{\"a\":[1]}", "{\"a\":\"\\ud800\"}", "{\"list_id\":1e999}",
        "{\"a\":\"\\u0000\"}", "a[b]=1", "a=1&a=2", "%ff%fe=%00", "=&&==", "list_id=-1&phone_number=%2B%2B%2B",
        "{\"list_id\":\"1\",\"phone_number\":\"" + new string('9', 400) + "\"}", "\u0001\u0002\u0003", "<xml/>",
        "check_dup=99&hopper=maybe&hopper_priority=1e3", "lead_id=18446744073709551616", "offset=-5&limit=999999999",
        "lease_ids=,,,&count=0", "insert_date=2026-02-30&created_at_start_date=yesterday",
    ];

    private static readonly string?[] ContentTypes =
    [
        null, "application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data",
        "multipart/form-data; boundary=x", "application/xml", "text/csv", "application/json; charset=latin1",
    ];

    [Fact]
    public async Task No_malformed_request_to_any_endpoint_gets_a_5xx_or_a_non_json_answer()
    {
        var account = await leadline.CreateAccountAsync();
        var paths = leadline.ApiServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiEndpoint>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Append("/v1/nope").Append("/v1//leads//insert")
            .Distinct().ToList();
        var random = new Random(20261207);
        var failures = new List<string>();

        for (var i = 0; i < Requests; i++)
        {
            var path = paths[random.Next(paths.Count)];
            var token = random.Next(4) switch { 0 => "", 1 => "nope", _ => account.Token.Secret };
            var query = random.Next(3) == 0 ? $"?auth_token={Uri.EscapeDataString(token)}&{Bodies[random.Next(Bodies.Length)]}" : $"?auth_token={Uri.EscapeDataString(token)}";
            var method = random.Next(10) switch { 0 => HttpMethod.Put, 1 => HttpMethod.Delete, < 5 => HttpMethod.Get, _ => HttpMethod.Post };
            using var request = new HttpRequestMessage(method, path + query);
            if (random.Next(4) != 0)
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Bodies[random.Next(Bodies.Length)]));
                if (ContentTypes[random.Next(ContentTypes.Length)] is { } type)
                    content.Headers.TryAddWithoutValidation("Content-Type", type);
                request.Content = content;
            }

            using var response = await leadline.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var isJson = response.Content.Headers.ContentType?.MediaType == "application/json" && IsJsonObject(body);
            if ((int)response.StatusCode >= 500 || !isJson)
                failures.Add($"{method} {path}{query} → {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        Assert.Empty(failures);
    }

    private static bool IsJsonObject(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("success", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
