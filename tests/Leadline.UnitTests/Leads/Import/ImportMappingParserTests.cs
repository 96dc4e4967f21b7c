using Leadline.ApiHost.Leads.Import.Mappings;
using Leadline.UnitTests.Leads;

namespace Leadline.UnitTests.Leads.Import;

public sealed class ImportMappingParserTests
{
    private static (ImportMappingRequest? Request, Leadline.ApiHost.Convoso.ConvosoError? Error) Parse(params (string Name, string Value)[] values) =>
        ImportMappingParser.Parse(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), InsertRequestBuilder.CustomFields);

    [Fact]
    public void A_name_and_map_parameters_make_a_mapping_of_canonical_field_names()
    {
        var (request, error) = Parse(("name", " Acme daily "), ("map_Tel", "phone_number"), ("map_ Given ", "First Name"),
            ("map_Notes 2", ""), ("map_Src", "LEAD_SOURCE"), ("auth_token", "x"));

        Assert.Null(error);
        Assert.Equal("Acme daily", request!.Name);
        Assert.Equal(new Dictionary<string, string?> { ["Given"] = "first_name", ["Notes 2"] = null, ["Src"] = "lead_source", ["Tel"] = "phone_number" },
            request.Columns);
    }

    [Theory]
    [InlineData("name", "", "name is required")]
    [InlineData("name", "\u0001bad", "name")]
    public void A_missing_or_bad_name_is_6050(string parameter, string value, string textContains)
    {
        var (request, error) = Parse((parameter, value), ("map_Tel", "phone_number"));

        Assert.Null(request);
        Assert.Equal(6050, error!.Code);
        Assert.Contains(textContains, error.Text);
    }

    [Fact]
    public void A_name_over_100_characters_is_6050()
    {
        Assert.Equal(6050, Parse(("name", new string('n', 101)), ("map_Tel", "phone_number")).Error!.Code);
        Assert.Null(Parse(("name", new string('n', 100)), ("map_Tel", "phone_number")).Error);
    }

    [Fact]
    public void A_mapping_without_a_map_parameter_is_6050()
    {
        var error = Parse(("name", "x")).Error!;

        Assert.Equal(6050, error.Code);
        Assert.Contains("map_<column>", error.Text);
    }

    [Theory]
    [InlineData("shoe_size")]
    [InlineData("list_id")]
    [InlineData("hopper_priority")]
    public void A_map_to_no_field_or_a_whole_file_option_is_6050_naming_the_parameter(string field)
    {
        var error = Parse(("name", "x"), ("map_Tel", "phone_number"), ("map_Other", field)).Error!;

        Assert.Equal(6050, error.Code);
        Assert.Contains("map_Other", error.Text);
    }

    [Fact]
    public void Two_columns_into_one_field_are_6050()
    {
        var error = Parse(("name", "x"), ("map_A", "email"), ("map_B", "E-mail")).Error!;

        Assert.Equal(6050, error.Code);
        Assert.Contains("map_A", error.Text);
        Assert.Contains("map_B", error.Text);
    }

    [Fact]
    public void One_column_given_two_fields_is_6050()
    {
        Assert.Equal(6050, Parse(("name", "x"), ("map_Tel", "phone_number"), ("map_TEL", "alt_phone_1")).Error!.Code);
        Assert.Null(Parse(("name", "x"), ("map_Tel", "phone_number"), ("map_TEL", "phone_number")).Error);
    }
}
