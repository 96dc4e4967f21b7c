using System.Globalization;
using System.Text.Json;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.V1;

/// <summary>
/// What a /v1 handler answers, written by one writer in Convoso's envelope: <c>{"success":true,…}</c> or
/// <c>{"success":false,"code":N,"text":"…","message":"…"}</c> (<c>message</c> repeats <c>text</c>: client
/// libraries read one or the other). The HTTP status of a refusal follows the endpoint's
/// <see cref="ApiDialect"/>; parameters the endpoint does not know are listed as <c>"ignored":[…]</c>.
/// </summary>
public sealed class ApiResult : IResult
{
    private readonly Action<Utf8JsonWriter>? _members;

    private ApiResult(ConvosoError? error, Action<Utf8JsonWriter>? members)
    {
        Error = error;
        _members = members;
    }

    /// <summary>The refusal answered, or null for a success.</summary>
    public ConvosoError? Error { get; }

    /// <summary>What a success came to, for an endpoint's own metrics (e.g. insert's "inserted" / "updated").</summary>
    public string? Label { get; private set; }

    public ApiResult Labeled(string label)
    {
        Label = label;
        return this;
    }

    /// <summary><c>{"success":true}</c> and nothing else.</summary>
    public static ApiResult Ok() => new(null, null);

    /// <summary><c>{"success":true, …members}</c>: for answers whose fields sit beside success (e.g. a top-level id).</summary>
    public static ApiResult Ok(Action<Utf8JsonWriter> members) => new(null, members);

    /// <summary><c>{"success":true,"data":{…}}</c>, plus top-level members after data when given.</summary>
    public static ApiResult Data(Action<Utf8JsonWriter> data, Action<Utf8JsonWriter>? after = null) => new(null, json =>
    {
        json.WriteStartObject("data");
        data(json);
        json.WriteEndObject();
        after?.Invoke(json);
    });

    /// <summary><c>{"success":true,"data":[{…},…]}</c>: Convoso's list and campaign searches; top-level members after data when given.</summary>
    public static ApiResult DataArray<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> fields, Action<Utf8JsonWriter>? after = null) => new(null, json =>
    {
        json.WriteStartArray("data");
        foreach (var item in items)
        {
            json.WriteStartObject();
            fields(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        after?.Invoke(json);
    });

    /// <summary>
    /// A search page as Convoso's searches answer it: <c>data:{offset, limit, total, entries:[…]}</c>. The total
    /// is a string, as Convoso sends it (typed clients decode it as one).
    /// </summary>
    public static ApiResult Page<T>(int offset, int limit, long total, IEnumerable<T> entries, Action<Utf8JsonWriter, T> fields,
        Action<Utf8JsonWriter>? moreData = null) => Data(json =>
    {
        json.WriteNumber("offset", offset);
        json.WriteNumber("limit", limit);
        json.WriteString("total", total.ToString(CultureInfo.InvariantCulture));
        moreData?.Invoke(json);
        json.WriteStartArray("entries");
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            fields(json, entry);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    /// <summary>A refusal; <paramref name="data"/> says what was done anyway (e.g. the applied part of a batch).</summary>
    public static ApiResult Refused(ConvosoError error, Action<Utf8JsonWriter>? data = null) => new(error, data is null ? null : json =>
    {
        json.WriteStartObject("data");
        data(json);
        json.WriteEndObject();
    });

    public Task ExecuteAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>();
        endpoint?.Observe?.Invoke(this);
        var ignored = http.Features.Get<ApiRequest>() is { Refusal: null } request ? request.Ignored : [];
        return WriteAsync(http.Response, endpoint?.Dialect ?? ApiDialect.Rest, Error, _members, ignored);
    }

    /// <summary>The writer every /v1 answer goes through, also for outages and unknown paths (no endpoint: REST statuses).</summary>
    public static async Task WriteAsync(HttpResponse response, ApiDialect dialect, ConvosoError? error,
        Action<Utf8JsonWriter>? members, IReadOnlyList<string> ignored)
    {
        response.StatusCode = error is null ? StatusCodes.Status200OK : ApiDialects.StatusFor(error, dialect);
        if (error?.RetryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        json.WriteBoolean("success", error is null);
        if (error is not null)
        {
            json.WriteNumber("code", error.Code);
            json.WriteString("text", error.Text);
            json.WriteString("message", error.Text);
        }
        members?.Invoke(json);
        if (error?.LeadId is { } leadId)
        {
            // A duplicate names the lead that exists, where a success would name the new one.
            json.WriteStartObject("data");
            json.WriteString("lead_id", ApiResponses.Id(leadId));
            json.WriteEndObject();
            json.WriteString("id", ApiResponses.Id(leadId));
        }
        if (ignored.Count > 0)
        {
            json.WriteStartArray("ignored");
            foreach (var name in ignored)
                json.WriteStringValue(name);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        await json.FlushAsync();
    }
}
