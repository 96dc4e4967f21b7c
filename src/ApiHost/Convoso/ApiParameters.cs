using System.Globalization;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Reads flat /v1 parameters. Each Try method returns false with an error naming the parameter, so an
/// endpoint stops at the first wrong value before it changes anything. Errors are 6050 (a REST 400); the
/// endpoint's dialect decides the HTTP status they are sent with.
/// </summary>
public static class ApiParameters
{
    /// <summary>The trimmed value, or null when absent or blank (Convoso treats blank as absent).</summary>
    public static string? Get(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>
    /// A whole number in [min, max]; absent gives <paramref name="fallback"/>, or an error when that is null (required).
    /// </summary>
    public static bool TryRange(IReadOnlyDictionary<string, string> values, string name, int min, int max, int? fallback,
        out int result, out ConvosoError? error)
    {
        error = null;
        result = fallback ?? 0;
        if (Get(values, name) is not { } text)
        {
            if (fallback is null)
                error = ConvosoErrors.Required(name);
            return error is null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) && result >= min && result <= max)
            return true;
        error = ConvosoErrors.Invalid(name, $"must be a whole number from {min} to {max}");
        return false;
    }

    /// <summary>A yes/no parameter in any of <see cref="ApiFlags.Accepted"/>; absent is <paramref name="fallback"/>.</summary>
    public static bool TryFlag(IReadOnlyDictionary<string, string> values, string name, bool fallback, out bool flag, out ConvosoError? error)
    {
        var ok = TryOptionalFlag(values, name, out var given, out error);
        flag = given ?? fallback;
        return ok;
    }

    /// <summary>An optional yes/no parameter: absent is null.</summary>
    public static bool TryOptionalFlag(IReadOnlyDictionary<string, string> values, string name, out bool? flag, out ConvosoError? error)
    {
        flag = null;
        error = null;
        if (Get(values, name) is not { } text)
            return true;
        if (ApiFlags.TryParse(text, out var parsed))
        {
            flag = parsed;
            return true;
        }
        error = ConvosoErrors.Invalid(name, $"must be {ApiFlags.Accepted}");
        return false;
    }

    /// <summary>
    /// A required positive id. A value that is no id at all answers <paramref name="whenNotAnId"/>, the
    /// same as an id that does not exist (or belongs to another account).
    /// </summary>
    public static bool TryId(IReadOnlyDictionary<string, string> values, string name, ConvosoError whenNotAnId,
        out long id, out ConvosoError? error)
    {
        error = null;
        id = 0;
        if (Get(values, name) is not { } text)
            error = ConvosoErrors.Required(name);
        else if (!TryParseId(text, out id))
            error = whenNotAnId;
        return error is null;
    }

    /// <summary>An optional positive id: absent is null; present but not an id is <paramref name="whenNotAnId"/>.</summary>
    public static bool TryOptionalId(IReadOnlyDictionary<string, string> values, string name, ConvosoError whenNotAnId,
        out long? id, out ConvosoError? error)
    {
        error = null;
        id = null;
        if (Get(values, name) is not { } text)
            return true;
        if (TryParseId(text, out var parsed))
        {
            id = parsed;
            return true;
        }
        error = whenNotAnId;
        return false;
    }

    public static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
