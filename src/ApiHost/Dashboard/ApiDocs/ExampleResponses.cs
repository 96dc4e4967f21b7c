using System.Text;
using System.Text.Json;
using Leadline.ApiHost.Convoso;

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
        await RenderAsync("Success", r => ConvosoResponses.WriteLeadSuccessAsync(r, ExampleLeadId, updated: false, [])),
        await RenderAsync("Duplicate (check_dup)", r => ConvosoResponses.WriteErrorAsync(r, ConvosoErrors.Duplicate(ExampleLeadId))),
        await RenderAsync("Unknown list", r => ConvosoResponses.WriteErrorAsync(r, ConvosoErrors.NoSuchList)),
        await RenderAsync("Number on DNC (check_dnc)", r => ConvosoResponses.WriteErrorAsync(r, ConvosoErrors.DoNotCall)),
        await RenderAsync("Invalid phone", r => ConvosoResponses.WriteErrorAsync(r, ConvosoErrors.InvalidPhone(Leads.Insert.InsertParameterNames.PhoneNumber))),
        await RenderAsync("Bad token", r => ConvosoResponses.WriteErrorAsync(r, ConvosoErrors.TokenInvalid)),
    ];

    private static async Task<ExampleResponse> RenderAsync(string title, Func<HttpResponse, Task> write)
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        await write(http.Response);
        await http.Response.BodyWriter.FlushAsync();
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(body.ToArray()));
        return new ExampleResponse(title, http.Response.StatusCode, JsonSerializer.Serialize(json.RootElement, Indented));
    }
}
