using System.Text;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>
/// Headers that vendor files use for a lead field under another name. Compared after <see cref="Normalize"/>,
/// so "Zip Code", "zipcode", "zip-code", "ZIP_CODE" and "zip.code" are one spelling (and "E-mail" or "FirstName" are
/// the fields' own names, not synonyms). docs/api-leads-changes.md shows this
/// table (<see cref="MarkdownTable"/>; a unit test keeps them equal).
/// </summary>
/// <param name="Field">The field a header of the group fills.</param>
/// <param name="Headers">The headers, as written in the docs.</param>
/// <param name="FieldWithoutPhoneNumber">
/// Set for the cell/mobile group: the field when no other column fills phone_number (a file whose only number
/// is a cell phone dials it).
/// </param>
public sealed record SynonymGroup(string Field, IReadOnlyList<string> Headers, string? FieldWithoutPhoneNumber = null);

public static class ImportFieldSynonyms
{
    public static readonly IReadOnlyList<SynonymGroup> Groups =
    [
        new("phone_number", ["phone", "phone #", "phone no", "phone num", "telephone", "telephone number", "tel", "primary phone",
            "main phone", "home phone", "phone 1", "contact number", "contact phone"]),
        new("alt_phone_1", ["cell", "cell phone", "cell number", "cellular", "mobile", "mobile phone", "mobile number"],
            FieldWithoutPhoneNumber: "phone_number"),
        new("alt_phone_1", ["alt phone", "alternate phone", "alternative phone", "other phone", "secondary phone", "phone 2"]),
        new("alt_phone_2", ["work phone", "office phone", "business phone", "work number", "phone 3"]),
        new("phone_code", ["calling code", "dialing code", "dial code", "country calling code"]),
        new("first_name", ["fname", "first", "given name", "forename"]),
        new("last_name", ["lname", "last", "surname", "family name"]),
        new("email", ["email address", "mail"]),
        new("address1", ["address", "street", "street address", "address line 1", "addr", "addr1", "street 1", "mailing address"]),
        new("address2", ["address line 2", "apt", "apartment", "suite", "apt/suite", "unit", "addr2", "street 2"]),
        new("city", ["town"]),
        new("state", ["st", "state code"]),
        new("province", ["region"]),
        new("postal_code", ["zip", "zip code", "zip5", "postal", "postcode", "zip/postal"]),
        new("country", ["country name"]),
        new("date_of_birth", ["dob", "birth date", "birthday"]),
        new("business_name", ["company", "company name", "business", "organization", "organisation"]),
        new("dba", ["doing business as"]),
        new("notes", ["comment", "comments", "note", "remarks", "memo"]),
        new("gender", ["sex"]),
        new("title", ["salutation"]),
        new("status", ["lead status"]),
        new("annual_revenue", ["yearly revenue"]),
    ];

    // The first group of a spelling wins (a unit test keeps spellings unique).
    private static readonly Dictionary<string, SynonymGroup> ByHeader = Groups
        .SelectMany(g => g.Headers.Select(h => (Key: Normalize(h), Group: g)))
        .DistinctBy(p => p.Key)
        .ToDictionary(p => p.Key, p => p.Group, StringComparer.Ordinal);

    /// <summary>The group whose header <paramref name="normalizedHeader"/> is (already <see cref="Normalize"/>d), if any.</summary>
    public static SynonymGroup? Find(string normalizedHeader) => ByHeader.GetValueOrDefault(normalizedHeader);

    /// <summary>
    /// A header or field name as the mapping compares it: lower case, without white space, dashes, dots,
    /// underscores or a byte order mark ("First Name", "first-name", "FIRST_NAME" → "firstname").
    /// </summary>
    public static string Normalize(string text)
    {
        var normalized = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && c is not ('-' or '.' or '_' or '\uFEFF'))
                normalized.Append(char.ToLowerInvariant(c));
        return normalized.ToString();
    }

    /// <summary>The table of docs/api-leads-changes.md.</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| field | headers |");
        text.AppendLine("|---|---|");
        foreach (var group in Groups)
        {
            var field = group.FieldWithoutPhoneNumber is { } otherwise
                ? $"`{group.Field}` when another column fills `{otherwise}`, else `{otherwise}`"
                : $"`{group.Field}`";
            text.AppendLine($"| {field} | {string.Join(", ", group.Headers)} |");
        }
        return text.ToString();
    }
}
