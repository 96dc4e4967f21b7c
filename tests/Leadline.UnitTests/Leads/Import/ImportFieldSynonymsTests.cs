using Leadline.ApiHost.Leads.Import;
using Leadline.Grains.Leads;
using Leadline.UnitTests.Convoso;

namespace Leadline.UnitTests.Leads.Import;

public sealed class ImportFieldSynonymsTests
{
    [Fact]
    public void No_header_is_the_synonym_of_two_fields()
    {
        var twice = ImportFieldSynonyms.Groups
            .SelectMany(g => g.Headers.Select(h => (Key: ImportFieldSynonyms.Normalize(h), g.Field)))
            .GroupBy(p => p.Key).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(twice);
    }

    [Fact]
    public void No_synonym_is_a_fields_own_name()
    {
        var names = LeadFieldCatalog.Standard.Select(f => f.Name).Append("phone_number").Append("phone_code")
            .Select(ImportFieldSynonyms.Normalize).ToHashSet();

        var redundant = ImportFieldSynonyms.Groups.SelectMany(g => g.Headers).Where(h => names.Contains(ImportFieldSynonyms.Normalize(h))).ToList();
        Assert.True(redundant.Count == 0, "already a field's name: " + string.Join(", ", redundant));
    }

    [Fact]
    public void Every_synonym_names_a_field_a_column_can_fill()
    {
        var fields = LeadFieldCatalog.Standard.Select(f => f.Name).Append("phone_number").Append("phone_code").ToHashSet();

        Assert.All(ImportFieldSynonyms.Groups, g => Assert.Contains(g.Field, fields));
        Assert.All(ImportFieldSynonyms.Groups.Where(g => g.FieldWithoutPhoneNumber is not null), g => Assert.Equal("phone_number", g.FieldWithoutPhoneNumber));
    }

    [Theory]
    [InlineData("First Name", "firstname")]
    [InlineData("first-name", "firstname")]
    [InlineData("FIRST_NAME", "firstname")]
    [InlineData("\uFEFFE-Mail.Address ", "emailaddress")]
    [InlineData("Phone #", "phone#")]
    [InlineData("\tZip\u00A0Code", "zipcode")]
    public void Normalizing_drops_case_white_space_dashes_dots_and_underscores(string text, string normalized)
    {
        Assert.Equal(normalized, ImportFieldSynonyms.Normalize(text));
    }

    [Fact]
    public void The_docs_show_the_synonym_table()
    {
        var docs = File.ReadAllText(Path.Combine(ErrorCodeRegistryTests.RepositoryRoot(), "docs", "api-leads-changes.md")).ReplaceLineEndings();

        Assert.Contains(ImportFieldSynonyms.MarkdownTable().ReplaceLineEndings(), docs);
    }
}
