using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Insert;

namespace Leadline.UnitTests.Leads;

/// <summary>Builds the flat parameters of an insert: a valid request plus the given overrides.</summary>
internal static class InsertRequestBuilder
{
    /// <summary>The account's custom fields used by the parser tests: name → max length.</summary>
    public static readonly IReadOnlyDictionary<string, int> CustomFields =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["lead_source"] = 20, ["sub_id"] = 8 };

    public static Dictionary<string, string> Valid(params (string Name, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["auth_token"] = "tok",
            ["list_id"] = "10",
            ["phone_number"] = "7275551212",
        };
        foreach (var (name, value) in overrides)
        {
            if (value is null)
                values.Remove(name);
            else
                values[name] = value;
        }
        return values;
    }

    public static InsertLeadRequest Accepted(params (string Name, string? Value)[] overrides)
    {
        var (request, error) = InsertLeadParser.Parse(Valid(overrides), CustomFields);
        Assert.True(error is null, $"expected success, got {error?.Code} {error?.Text}");
        return request!;
    }

    public static ConvosoError Refused(params (string Name, string? Value)[] overrides)
    {
        var (request, error) = InsertLeadParser.Parse(Valid(overrides), CustomFields);
        Assert.Null(request);
        Assert.NotNull(error);
        return error;
    }
}
