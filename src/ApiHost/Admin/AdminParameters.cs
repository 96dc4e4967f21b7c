using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Admin;

/// <summary>
/// The parameter shapes the admin endpoints share: names, texts, the active/inactive status, paging. Each
/// <c>Try…</c> parser returns false with the refusal (unit-tested, also used by the dashboard); the
/// <see cref="ApiRequest"/> extensions refuse the request with it.
/// </summary>
public static class AdminParameters
{
    public const string Name = "name";
    public const string Status = "status";
    public const string Offset = "offset";
    public const string Limit = "limit";

    public const int MaxOffset = 100_000;
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    /// <summary>Leadline's words for a status, accepted beside every flag word (1/0, true/false, Y/N …).</summary>
    public const string ActiveWord = "active";
    public const string InactiveWord = "inactive";

    public const string StatusAccepted = ApiFlags.Accepted + ", or active/inactive";

    /// <summary>
    /// A display text of at most <paramref name="maxLength"/> characters without control characters
    /// (PostgreSQL refuses NUL, and a name is shown on one line; <paramref name="lineBreaks"/> lets a
    /// description keep its line breaks and tabs). Absent is null, or an error when required.
    /// </summary>
    public static bool TryText(IReadOnlyDictionary<string, string> values, string name, int maxLength, bool required,
        out string? text, out ConvosoError? error, bool lineBreaks = false)
    {
        text = ApiParameters.Get(values, name);
        error = null;
        if (text is null)
            error = required ? ConvosoErrors.Required(name) : null;
        else if (text.Length > maxLength)
            error = ConvosoErrors.Invalid(name, $"at most {maxLength} characters");
        else if (text.Any(c => char.IsControl(c) && !(lineBreaks && c is '\n' or '\r' or '\t')))
            error = ConvosoErrors.Invalid(name, "contains a control character");
        return error is null;
    }

    /// <summary>
    /// An active/inactive status: a flag in any word of the one flag parser (<see cref="ApiFlags"/>: Convoso
    /// documents 1/0, typed clients send true/false, its searches answer Y/N), or Leadline's words
    /// active/inactive. True is active; absent is null.
    /// </summary>
    public static bool TryStatus(IReadOnlyDictionary<string, string> values, string name, out bool? active, out ConvosoError? error)
    {
        active = null;
        error = null;
        switch (ApiParameters.Get(values, name))
        {
            case null:
                return true;
            case { } word when word.Equals(ActiveWord, StringComparison.OrdinalIgnoreCase):
                active = true;
                return true;
            case { } word when word.Equals(InactiveWord, StringComparison.OrdinalIgnoreCase):
                active = false;
                return true;
            case { } word when ApiFlags.TryParse(word, out var flag):
                active = flag;
                return true;
            default:
                error = ConvosoErrors.Invalid(name, $"must be {StatusAccepted}");
                return false;
        }
    }

    /// <summary>How Convoso answers a status: <c>"Y"</c> active, <c>"N"</c> inactive.</summary>
    public static string YesNo(bool active) => active ? "Y" : "N";

    /// <summary>An optional id filter of a search; a value that is no id is refused, not ignored.</summary>
    public static bool TryIdFilter(IReadOnlyDictionary<string, string> values, string name, out long? id, out ConvosoError? error) =>
        ApiParameters.TryOptionalId(values, name, ConvosoErrors.Invalid(name, "must be a positive whole number"), out id, out error);

    /// <summary>offset (0–100000, default 0) and limit (1–1000, default <paramref name="defaultLimit"/>).</summary>
    public static bool TryPage(IReadOnlyDictionary<string, string> values, out Page page, out ConvosoError? error, int defaultLimit = DefaultLimit)
    {
        page = default;
        if (!ApiParameters.TryRange(values, Offset, 0, MaxOffset, 0, out var offset, out error)
            || !ApiParameters.TryRange(values, Limit, 1, MaxLimit, defaultLimit, out var limit, out error))
            return false;
        page = new Page(offset, limit);
        return true;
    }

    public static string? Text(this ApiRequest request, string name, int maxLength, bool required = false, bool lineBreaks = false) =>
        TryText(request.Values, name, maxLength, required, out var text, out var error, lineBreaks) ? text : throw ApiRequest.Refuse(error!);

    public static bool? ActiveStatus(this ApiRequest request, string name = Status) =>
        TryStatus(request.Values, name, out var active, out var error) ? active : throw ApiRequest.Refuse(error!);

    public static long? IdFilter(this ApiRequest request, string name) =>
        TryIdFilter(request.Values, name, out var id, out var error) ? id : throw ApiRequest.Refuse(error!);

    public static Page Paging(this ApiRequest request, int defaultLimit = DefaultLimit) =>
        TryPage(request.Values, out var page, out var error, defaultLimit) ? page : throw ApiRequest.Refuse(error!);

    /// <summary>The catalog entries of <see cref="Offset"/> and <see cref="Limit"/>.</summary>
    public static ApiParameter[] PageParameters(int defaultLimit = DefaultLimit) =>
    [
        new(Offset, ApiParameterType.Integer, $"Entries to skip, 0-{MaxOffset}, default 0"),
        new(Limit, ApiParameterType.Integer, $"Entries to answer, 1-{MaxLimit}, default {defaultLimit}"),
    ];
}

public readonly record struct Page(int Offset, int Limit);
