namespace Leadline.ApiHost.Convoso;

/// <summary>
/// The one reading of a yes/no parameter on every /v1 endpoint. Vendors' code sends 1/0, typed clients send
/// true/false (a JSON body's booleans arrive as those words), form builders send yes/no, y/n or on/off;
/// Convoso documents "1 or true". All of them, in any case, mean the same.
/// </summary>
public static class ApiFlags
{
    private static readonly string[] Yes = ["1", "true", "yes", "y", "on"];
    private static readonly string[] No = ["0", "false", "no", "n", "off"];

    /// <summary>The words accepted, for error texts and the OpenAPI document.</summary>
    public const string Accepted = "1/0, true/false, yes/no, y/n or on/off";

    public static bool TryParse(string text, out bool flag)
    {
        var word = text.Trim();
        if (Yes.Any(y => word.Equals(y, StringComparison.OrdinalIgnoreCase)))
        {
            flag = true;
            return true;
        }
        flag = false;
        return No.Any(n => word.Equals(n, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A number parameter that Convoso also takes as a flag (check_dup: "1 or true"): true is 1, false is 0,
    /// anything else is read as the number it is.
    /// </summary>
    public static string AsNumber(string text) =>
        TryParse(text, out var flag) && !int.TryParse(text.Trim(), out _) ? (flag ? "1" : "0") : text;
}
