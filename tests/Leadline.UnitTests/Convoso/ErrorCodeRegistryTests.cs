using System.Reflection;
using Leadline.ApiHost.Convoso;
using ErrorCode = Leadline.ApiHost.Convoso.ErrorCode;

namespace Leadline.UnitTests.Convoso;

public class ErrorCodeRegistryTests
{
    [Fact]
    public void The_registry_has_no_unintended_reuse_of_a_number()
    {
        Assert.Empty(ErrorCodeRules.Violations(ErrorCodes.All));
    }

    [Fact]
    public void A_number_given_a_second_meaning_without_a_reason_is_caught()
    {
        var reused = ErrorCodes.All.Append(new ErrorCode(6008, 409, "already exists", ErrorScope.Lists));

        var problem = Assert.Single(ErrorCodeRules.Violations(reused));
        Assert.Contains("6008", problem);
    }

    [Fact]
    public void A_number_registered_twice_in_one_scope_is_caught_even_with_a_reason()
    {
        var twice = new[]
        {
            new ErrorCode(6001, 404, "No such Lead"),
            new ErrorCode(6001, 400, "Something else") { ConvosoNumbering = "made up" },
        };

        Assert.Single(ErrorCodeRules.Violations(twice));
    }

    [Fact]
    public void The_same_meaning_in_several_families_is_no_reuse()
    {
        Assert.Empty(ErrorCodeRules.Violations([ErrorCodes.ListUnknownCampaign, ErrorCodes.CampaignUnknown, ErrorCodes.DncUnknownCampaign]));
    }

    [Fact]
    public void Every_registered_field_is_in_All()
    {
        var fields = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorCode)).Select(f => (ErrorCode)f.GetValue(null)!).ToList();

        Assert.Equal(fields.Count, ErrorCodes.All.Count);
        Assert.All(fields, f => Assert.Contains(f, ErrorCodes.All));
    }

    [Fact]
    public void The_documented_error_table_is_the_registry()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "api-errors.md");
        var expected = ErrorCodeRules.Markdown(ErrorCodes.All);
        if (Environment.GetEnvironmentVariable("LEADLINE_WRITE_DOCS") == "1")
            File.WriteAllText(path, expected);

        Assert.True(File.Exists(path), $"{path} is missing; write it with LEADLINE_WRITE_DOCS=1");
        Assert.Equal(expected.ReplaceLineEndings(), File.ReadAllText(path).ReplaceLineEndings());
    }

    [Fact]
    public void Every_code_in_a_docs_error_table_is_a_registered_code()
    {
        // Any table cell that is a code, e.g. "| 6009 |" or "| 200 | 6009 |": a code the registry lacks is a doc
        // that promises an answer the API never gives.
        var root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md"));
        var registered = ErrorCodes.All.Select(c => c.Code).ToHashSet();
        var cell = new System.Text.RegularExpressions.Regex(@"\|\s*([4-7]\d{3})\s*(?=\|)");
        var unknown = files
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => l.line.TrimStart().StartsWith('|'))
            .SelectMany(l => cell.Matches(l.line).Select(m => (l.file, l.number, code: int.Parse(m.Groups[1].Value))))
            .Where(c => !registered.Contains(c.code))
            .Select(c => $"{Path.GetFileName(c.file)}:{c.number} names {c.code}")
            .ToList();

        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData(6009, "The phone number already exists")]
    [InlineData(6002, "No such List")]
    [InlineData(6079, "Invalid Email(s)")]
    [InlineData(7231, "Invalid offset value")]
    public void Convoso_documented_common_codes_keep_their_meaning(int code, string meaning)
    {
        Assert.Contains(ErrorCodes.All, c => c.Code == code && c.Scope == ErrorScope.Common && c.Meaning == meaning);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Leadline.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Leadline.sln not found above " + AppContext.BaseDirectory);
    }
}
