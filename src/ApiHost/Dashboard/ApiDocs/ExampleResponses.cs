using System.Text;
using System.Text.Json;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Dashboard.ApiDocs;

public sealed record ExampleResponse(string Title, int HttpStatus, string Json);

/// <summary>
/// The Example JSON Response section, written by the same code that answers /v1/leads/insert, with the
/// error texts of <see cref="ConvosoErrors"/>: the examples cannot say something the API does not.
/// </summary>
public static class ExampleResponses
{
    private const long ExampleLeadId = 12345;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<IReadOnlyList<ExampleResponse>> BuildAsync() =>
    [
        await RenderAsync("Success", LeadAnswers.Saved(ExampleLeadId)),
        await RenderAsync("Duplicate (check_dup)", ApiResult.Refused(ConvosoErrors.Duplicate(ExampleLeadId))),
        await RenderAsync("Unknown list", ApiResult.Refused(ConvosoErrors.NoSuchList)),
        await RenderAsync("Number on DNC (check_dnc)", ApiResult.Refused(ConvosoErrors.DoNotCall)),
        await RenderAsync("Invalid phone", ApiResult.Refused(ConvosoErrors.InvalidPhone(Leads.Insert.InsertParameterNames.PhoneNumber))),
        await RenderAsync("Bad token", ApiResult.Refused(ConvosoErrors.TokenInvalid)),
    ];

    /// <summary>The answer as /v1/leads/insert sends it: the insert endpoint's metadata gives the dialect (HTTP 200 for refusals).</summary>
    private static async Task<ExampleResponse> RenderAsync(string title, ApiResult result)
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(Leads.Insert.InsertLeadEndpoint.Contract), "insert example"));
        await result.ExecuteAsync(http);
        await http.Response.BodyWriter.FlushAsync();
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(body.ToArray()));
        return new ExampleResponse(title, http.Response.StatusCode, JsonSerializer.Serialize(json.RootElement, Indented));
    }
}
