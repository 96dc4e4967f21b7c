using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Admin;

/// <summary>The parameter shapes the admin endpoints share: names, flags, paging.</summary>
public static class AdminParameters
{
    public const string Name = "name";
    public const string Offset = "offset";
    public const string Limit = "limit";

    public const int MaxOffset = 100_000;
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    /// <summary>
    /// A display text of at most <paramref name="maxLength"/> characters without control characters
    /// (PostgreSQL refuses NUL, and a name is shown on one line). Absent is null, or an error when required.
    /// </summary>
    public static bool TryText(IReadOnlyDictionary<string, string> values, string name, int maxLength, bool required,
        out string? text, out ConvosoError? error)
    {
        text = ApiParameters.Get(values, name);
        error = null;
        if (text is null)
            error = required ? ConvosoErrors.Required(name) : null;
        else if (text.Length > maxLength)
            error = ConvosoErrors.Invalid(name, $"at most {maxLength} characters");
        else if (text.Any(char.IsControl))
            error = ConvosoErrors.Invalid(name, "contains a control character");
        return error is null;
    }

    /// <summary>An optional 0/1 flag: absent is null.</summary>
    public static bool TryFlag(IReadOnlyDictionary<string, string> values, string name, out bool? flag, out ConvosoError? error)
    {
        flag = null;
        error = null;
        switch (ApiParameters.Get(values, name))
        {
            case null:
                return true;
            case "1":
                flag = true;
                return true;
            case "0":
                flag = false;
                return true;
            default:
                error = ConvosoErrors.Invalid(name, "must be 0 or 1");
                return false;
        }
    }

    /// <summary>An optional id filter of a search; a value that is no id is refused, not ignored.</summary>
    public static bool TryIdFilter(IReadOnlyDictionary<string, string> values, string name, out long? id, out ConvosoError? error) =>
        ApiParameters.TryOptionalId(values, name, ConvosoErrors.Invalid(name, "must be a positive whole number"), out id, out error);

    public static bool TryPage(IReadOnlyDictionary<string, string> values, out Page page, out ConvosoError? error)
    {
        page = default;
        if (!ApiParameters.TryRange(values, Offset, 0, MaxOffset, 0, out var offset, out error)
            || !ApiParameters.TryRange(values, Limit, 1, MaxLimit, DefaultLimit, out var limit, out error))
            return false;
        page = new Page(offset, limit);
        return true;
    }
}

public readonly record struct Page(int Offset, int Limit);
