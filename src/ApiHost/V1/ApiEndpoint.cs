using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.V1;

/// <summary>What a parameter is, for the OpenAPI document and the "ignored" list.</summary>
public enum ApiParameterType { Text, Integer, Id, Flag, Date, Phone, Number }

public sealed record ApiParameter(string Name, ApiParameterType Type, string Description, bool Required = false);

/// <summary>How the pipeline reads a request's parameters.</summary>
public enum ApiBody
{
    /// <summary>Query string + form or flat JSON body, read whole (1 MB at most).</summary>
    Flat,

    /// <summary>
    /// A file upload: the query string and the form fields before the file part are the parameters; the file
    /// is handed to the endpoint as a stream, unread (see <see cref="ApiRequest.Upload"/>).
    /// </summary>
    Upload,
}

/// <summary>
/// An endpoint's contract, as route metadata: the token scope it needs, its dialect, and its parameters.
/// The pipeline authenticates and reads parameters from it; the OpenAPI document and the ignored list are
/// written from the same parameters.
/// </summary>
public sealed record ApiEndpoint(string Scope, ApiDialect Dialect, string Summary)
{
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>The lead's standard fields and the account's custom fields are parameters too (insert, update, search).</summary>
    public bool TakesLeadFields { get; init; }

    public ApiBody Body { get; init; } = ApiBody.Flat;

    public long MaxBodyBytes { get; init; } = FlatParameters.MaxBodyBytes;

    /// <summary>Other paths that serve this endpoint (Leadline's older names, or Convoso's), for the docs.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Told of every answer of the endpoint as it is written, refusals by the pipeline included (an endpoint's own
    /// metrics): cheaper on the hot path than another endpoint filter.
    /// </summary>
    public Action<ApiResult>? Observe { get; init; }

    /// <summary>An example JSON answer, for the OpenAPI document.</summary>
    public string? ExampleAnswer { get; init; }

    public bool Declares(string name) =>
        name == ApiRequest.AuthToken || Parameters.Any(p => p.Name == name);
}
