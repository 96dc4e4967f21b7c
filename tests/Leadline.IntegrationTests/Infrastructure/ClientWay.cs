using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>
/// The ways public Convoso client libraries put one call on the wire (see docs/convoso-compatibility.md):
/// each must reach the same answer and store the same rows.
/// </summary>
public enum ClientWay
{
    /// <summary>POST, form-urlencoded body (thornebridge/convoso-js, go-convoso, vendors' PHP with curl).</summary>
    FormPost,

    /// <summary>GET, every parameter in the query string (php-convoso's insert and search).</summary>
    QueryGet,

    /// <summary>GET, query string, and Content-Type: application/json with no body (walmat/convoso-sdk on every call).</summary>
    QueryGetWithJsonContentType,

    /// <summary>POST with the parameters in the query string and a JSON content type but no body.</summary>
    QueryPostWithJsonContentType,

    /// <summary>POST, one flat JSON object, booleans as JSON true/false.</summary>
    JsonBody,

    /// <summary>Form POST to a base URL configured with a trailing slash: /v1//leads/insert.</summary>
    TrailingSlashBase,
}

public static class ClientWays
{
    public static readonly IReadOnlyList<ClientWay> All = Enum.GetValues<ClientWay>();

    /// <summary>
    /// Sends <paramref name="parameters"/> to /v1/<paramref name="path"/> the way <paramref name="way"/> does. Values
    /// "true"/"false" go into a JSON body as JSON booleans, as a typed client serializes them.
    /// </summary>
    public static async Task<ApiAnswer> SendAsync(HttpClient http, ClientWay way, string path, IEnumerable<(string Name, string Value)> parameters)
    {
        var pairs = parameters.ToList();
        var query = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = way switch
        {
            ClientWay.FormPost => new HttpRequestMessage(HttpMethod.Post, "/v1/" + path) { Content = Form(pairs) },
            ClientWay.TrailingSlashBase => new HttpRequestMessage(HttpMethod.Post, "/v1//" + path) { Content = Form(pairs) },
            ClientWay.QueryGet => new HttpRequestMessage(HttpMethod.Get, $"/v1/{path}?{query}"),
            ClientWay.QueryGetWithJsonContentType => new HttpRequestMessage(HttpMethod.Get, $"/v1/{path}?{query}") { Content = EmptyJson() },
            ClientWay.QueryPostWithJsonContentType => new HttpRequestMessage(HttpMethod.Post, $"/v1/{path}?{query}") { Content = EmptyJson() },
            ClientWay.JsonBody => new HttpRequestMessage(HttpMethod.Post, "/v1/" + path) { Content = Json(pairs) },
            _ => throw new ArgumentOutOfRangeException(nameof(way)),
        };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{way}: {response.StatusCode} {body}");
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static FormUrlEncodedContent Form(List<(string Name, string Value)> pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    private static ByteArrayContent EmptyJson()
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static StringContent Json(List<(string Name, string Value)> pairs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in pairs)
            {
                if (value is "true" or "false")
                    json.WriteBoolean(name, value == "true");
                else if (long.TryParse(value, out var number) && !value.StartsWith('0'))
                    json.WriteNumber(name, number);
                else
                    json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        return new StringContent(Encoding.UTF8.GetString(buffer.ToArray()), Encoding.UTF8, "application/json");
    }
}
