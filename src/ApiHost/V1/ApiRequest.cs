using System.Reflection;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Import;

namespace Leadline.ApiHost.V1;

/// <summary>
/// A /v1 request as every handler receives it: the flat parameters read once (query string + form or flat
/// JSON body), and the token that authenticated with the endpoint's scope. Handlers act only within
/// <see cref="AccountId"/>. Bound by the pipeline (<see cref="BindAsync"/>) before the handler runs; a request
/// refused while binding never reaches the handler (see <see cref="ApiEndpointFilter"/>).
/// </summary>
public sealed class ApiRequest
{
    public const string AuthToken = "auth_token";

    private ApiRequest(HttpContext http, ApiEndpoint endpoint, IReadOnlyDictionary<string, string> values,
        ApiTokenIdentity? token, ConvosoError? refusal, Stream? upload)
    {
        Http = http;
        Endpoint = endpoint;
        Values = values;
        _token = token;
        Refusal = refusal;
        _upload = upload;
    }

    private readonly ApiTokenIdentity? _token;
    private readonly Stream? _upload;

    public HttpContext Http { get; }
    public ApiEndpoint Endpoint { get; }
    public IReadOnlyDictionary<string, string> Values { get; }
    public ApiTokenIdentity Token => _token ?? throw new InvalidOperationException("A refused request has no token");
    public long AccountId => Token.AccountId;

    /// <summary>Why the pipeline refused the request before its handler; null for a request the handler gets.</summary>
    internal ConvosoError? Refusal { get; }

    /// <summary>The uploaded file, unread, for <see cref="ApiBody.Upload"/> endpoints.</summary>
    public Stream Upload => _upload ?? throw new InvalidOperationException($"{Endpoint.Summary} takes no upload");

    /// <summary>The uploaded file's name (the file part's Content-Disposition filename); null for a text/csv body or no upload.</summary>
    public string? UploadFileName { get; private init; }

    /// <summary>
    /// Parameter names the endpoint does not know, listed in the answer as <c>"ignored":[…]</c>. Endpoints that
    /// take lead fields set it (they know the account's custom fields); for the others it comes from
    /// <see cref="ApiEndpoint.Parameters"/>.
    /// </summary>
    public IReadOnlyList<string> Ignored
    {
        get => _ignored ??= Endpoint.TakesLeadFields
            ? []
            : Values.Keys.Where(name => !Endpoint.Declares(name)).Order(StringComparer.Ordinal).ToList();
        set => _ignored = value;
    }

    private IReadOnlyList<string>? _ignored;

    public string? Get(string name) => ApiParameters.Get(Values, name);

    public string Required(string name) => Get(name) ?? throw new ApiRefusal(ConvosoErrors.Required(name));

    public bool Flag(string name, bool fallback = false) =>
        ApiParameters.TryFlag(Values, name, fallback, out var flag, out var error) ? flag : throw new ApiRefusal(error!);

    public bool? OptionalFlag(string name) =>
        ApiParameters.TryOptionalFlag(Values, name, out var flag, out var error) ? flag : throw new ApiRefusal(error!);

    public int Range(string name, int min, int max, int? fallback) =>
        ApiParameters.TryRange(Values, name, min, max, fallback, out var value, out var error) ? value : throw new ApiRefusal(error!);

    public long Id(string name, ConvosoError whenNotAnId) =>
        ApiParameters.TryId(Values, name, whenNotAnId, out var id, out var error) ? id : throw new ApiRefusal(error!);

    public long? OptionalId(string name, ConvosoError whenNotAnId) =>
        ApiParameters.TryOptionalId(Values, name, whenNotAnId, out var id, out var error) ? id : throw new ApiRefusal(error!);

    /// <summary>Refuses the request with <paramref name="error"/>: the pipeline answers it, nothing after runs.</summary>
    public static ApiRefusal Refuse(ConvosoError error) => new(error);

    /// <summary>Reads and authenticates a request to an endpoint mapped with <see cref="V1Routes.MapApi"/>.</summary>
    public static async ValueTask<ApiRequest> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<ApiEndpoint>()
            ?? throw new InvalidOperationException($"{http.Request.Path} takes an ApiRequest but was not mapped with MapApi");
        FlatParameters.LimitBody(http, endpoint.MaxBodyBytes);

        IReadOnlyDictionary<string, string>? values;
        ConvosoError? error;
        Stream? upload = null;
        string? uploadFileName = null;
        if (endpoint.Body == ApiBody.Upload)
        {
            var (opened, openError) = await ImportUpload.OpenAsync(http.Request, endpoint.MaxBodyBytes);
            (values, error, upload, uploadFileName) = (opened?.Values, openError, opened?.Csv, opened?.FileName);
        }
        else
        {
            (values, error) = await FlatParameters.ReadAsync(http.Request);
        }

        ApiTokenIdentity? token = null;
        if (error is null)
        {
            var auth = http.RequestServices.GetRequiredService<ApiTokenAuthenticator>();
            (token, error) = await auth.AuthenticateAsync(values!.GetValueOrDefault(AuthToken), endpoint.Scope);
            // An upload's fields after the file are never read (the file streams under a known account).
            if (error == ConvosoErrors.TokenMissing && endpoint.Body == ApiBody.Upload)
                error = error with { Text = "auth_token is required, in the query string or as a form field before the file" };
        }

        var request = new ApiRequest(http, endpoint, values ?? new Dictionary<string, string>(), token, error, upload) { UploadFileName = uploadFileName };
        http.Features.Set(request);
        return request;
    }
}
