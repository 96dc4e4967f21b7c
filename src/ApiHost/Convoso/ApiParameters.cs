using System.Globalization;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Reads flat /v1 parameters. Each Try method returns false with an error naming the parameter, so an
/// endpoint stops at the first wrong value before it changes anything.
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
        ParameterErrors errors, out int result, out ConvosoError? error)
    {
        error = null;
        result = fallback ?? 0;
        if (Get(values, name) is not { } text)
        {
            if (fallback is null)
                error = errors.Required(name);
            return error is null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) && result >= min && result <= max)
            return true;
        error = errors.Invalid(name, $"must be a whole number from {min} to {max}");
        return false;
    }

    /// <summary>
    /// A required positive id. A value that is no id at all answers <paramref name="whenNotAnId"/>, the
    /// same as an id that does not exist (or belongs to another account).
    /// </summary>
    public static bool TryId(IReadOnlyDictionary<string, string> values, string name, ConvosoError whenNotAnId,
        ParameterErrors errors, out long id, out ConvosoError? error)
    {
        error = null;
        id = 0;
        if (Get(values, name) is not { } text)
            error = errors.Required(name);
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
