using System.Globalization;
using System.Text.Json;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Writes Convoso's JSON shapes: success <c>{"success":true,"data":{"lead_id":"1"},"id":"1"}</c>,
/// error <c>{"success":false,"code":N,"text":"…"}</c>. Ids are strings, as Convoso sends them.
/// </summary>
public static class ConvosoResponses
{
    public static async Task WriteLeadSuccessAsync(HttpResponse response, long leadId, bool updated, IReadOnlyList<string> ignored)
    {
        response.StatusCode = StatusCodes.Status200OK;
        await WriteJsonAsync(response, json =>
        {
            json.WriteBoolean("success", true);
            json.WriteStartObject("data");
            json.WriteString("lead_id", Id(leadId));
            if (updated)
                json.WriteBoolean("updated", true);
            json.WriteEndObject();
            json.WriteString("id", Id(leadId));
            WriteIgnored(json, ignored);
        });
    }

    public static async Task WriteErrorAsync(HttpResponse response, ConvosoError error, IReadOnlyList<string>? ignored = null)
    {
        response.StatusCode = error.HttpStatus;
        if (error.RetryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteJsonAsync(response, json =>
        {
            json.WriteBoolean("success", false);
            json.WriteNumber("code", error.Code);
            json.WriteString("text", error.Text);
            if (error.LeadId is { } leadId)
            {
                json.WriteStartObject("data");
                json.WriteString("lead_id", Id(leadId));
                json.WriteEndObject();
                json.WriteString("id", Id(leadId));
            }
            WriteIgnored(json, ignored ?? []);
        });
    }

    /// <summary>Unknown parameter names, beside data: <c>"ignored":[…]</c>, left out when there are none.</summary>
    internal static void WriteIgnored(Utf8JsonWriter json, IReadOnlyList<string> ignored)
    {
        if (ignored.Count == 0)
            return;
        json.WriteStartArray("ignored");
        foreach (var name in ignored)
            json.WriteStringValue(name);
        json.WriteEndArray();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> body)
    {
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
        await json.FlushAsync();
    }
}
