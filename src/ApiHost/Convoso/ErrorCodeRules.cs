namespace Leadline.ApiHost.Convoso;

/// <summary>
/// What keeps the registry honest, as functions the unit tests run over <see cref="ErrorCodes.All"/> (and over
/// made-up lists, to show they catch a reuse), and the error table docs/api-errors.md is generated from.
/// </summary>
public static class ErrorCodeRules
{
    /// <summary>
    /// Each problem found: a number with two meanings in one scope, or in two scopes where neither entry names
    /// the Convoso documentation that numbers it so. The same meaning under one number in several scopes
    /// (6004 Unknown Campaign ID on lists, campaigns and DNC) is no reuse.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<ErrorCode> codes)
    {
        var problems = new List<string>();
        var all = codes.ToList();
        foreach (var group in all.GroupBy(c => c.Code))
        {
            var entries = group.ToList();
            for (var i = 0; i < entries.Count; i++)
            for (var j = i + 1; j < entries.Count; j++)
            {
                var (a, b) = (entries[i], entries[j]);
                if (a.Scope == b.Scope)
                    problems.Add($"{a.Code} is registered twice in {a.Scope}: \"{a.Meaning}\" and \"{b.Meaning}\"");
                else if (a.Meaning != b.Meaning && a.ConvosoNumbering is null && b.ConvosoNumbering is null)
                    problems.Add($"{a.Code} means \"{a.Meaning}\" ({a.Scope}) and \"{b.Meaning}\" ({b.Scope}) without a ConvosoNumbering reason");
            }
        }
        problems.AddRange(all.Where(c => c.RestStatus is < 400 or > 599)
            .Select(c => $"{c.Code} has REST status {c.RestStatus}, not an error status"));
        return problems;
    }

    /// <summary>docs/api-errors.md: every code with its scope, statuses in both dialects and meaning.</summary>
    public static string Markdown(IEnumerable<ErrorCode> codes)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("# Error codes");
        text.AppendLine();
        text.AppendLine("Generated from `src/ApiHost/Convoso/ErrorCodes.cs` (a unit test fails when this file and the registry differ;");
        text.AppendLine("rewrite it with `LEADLINE_WRITE_DOCS=1 dotnet test tests/Leadline.UnitTests --filter ErrorCodeRegistryTests`).");
        text.AppendLine();
        text.AppendLine("Every refusal is `{\"success\":false,\"code\":N,\"text\":\"…\",\"message\":\"…\"}` (`message` repeats `text`).");
        text.AppendLine("**Convoso dialect** (leads, DNC, lists, campaigns, custom fields, tokens): HTTP 200, as Convoso answers, except the");
        text.AppendLine("transport conditions 413, 429 and 503 (with `Retry-After`) and 500. **REST dialect** (hopper, workflows): the");
        text.AppendLine("REST status below. Convoso numbers its codes per endpoint family, so a number can mean something else in another");
        text.AppendLine("family; the scope column says where each meaning holds (Common: every endpoint).");
        text.AppendLine();
        text.AppendLine("| code | scope | Convoso dialect | REST dialect | meaning |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var code in codes.OrderBy(c => c.Code).ThenBy(c => c.Scope))
        {
            var convoso = V1.ApiDialects.IsTransportCondition(code.RestStatus) ? code.RestStatus : 200;
            var note = code.ConvosoNumbering is null ? "" : $" — {code.ConvosoNumbering}";
            text.AppendLine($"| {code.Code} | {code.Scope} | {convoso} | {code.RestStatus} | {code.Meaning}{note} |");
        }
        return text.ToString();
    }
}
