namespace Leadline.Grains.Leads;

/// <summary>How a standard lead field is validated and stored.</summary>
public enum LeadFieldKind
{
    Text,
    Email,
    Phone,
    Date,
    Money,
}

public sealed record LeadFieldSpec(string Name, LeadFieldKind Kind, int MaxLength, string Description);

/// <summary>
/// The Convoso standard lead fields, in one place: the insert parser validates against it, the writer
/// maps it to columns of <c>leads</c>, and the dashboard documents it. The name is both the API
/// parameter and the column.
/// </summary>
public static class LeadFieldCatalog
{
    public static readonly IReadOnlyList<LeadFieldSpec> Standard =
    [
        new("status", LeadFieldKind.Text, 32, "Lead status code"),
        new("owner_id", LeadFieldKind.Text, 32, "Owner (user) id"),
        new("first_name", LeadFieldKind.Text, 100, "First name"),
        new("last_name", LeadFieldKind.Text, 100, "Last name"),
        new("email", LeadFieldKind.Email, 254, "Email address"),
        new("alt_phone_1", LeadFieldKind.Phone, 32, "Alternate phone 1 (cell); normalized like phone_number"),
        new("alt_phone_2", LeadFieldKind.Phone, 32, "Alternate phone 2 (work); normalized like phone_number"),
        new("address1", LeadFieldKind.Text, 255, "Address line 1"),
        new("address2", LeadFieldKind.Text, 255, "Address line 2"),
        new("city", LeadFieldKind.Text, 100, "City"),
        new("state", LeadFieldKind.Text, 50, "State"),
        new("province", LeadFieldKind.Text, 100, "Province"),
        new("postal_code", LeadFieldKind.Text, 20, "Postal code"),
        new("country", LeadFieldKind.Text, 64, "Country"),
        new("gender", LeadFieldKind.Text, 16, "Gender"),
        new("date_of_birth", LeadFieldKind.Date, 10, "Date of birth, YYYY-MM-DD"),
        new("notes", LeadFieldKind.Text, 4000, "Free-text notes"),
        new("title", LeadFieldKind.Text, 100, "Title"),
        new("business_name", LeadFieldKind.Text, 255, "Business name"),
        new("dba", LeadFieldKind.Text, 255, "Doing business as"),
        new("industry", LeadFieldKind.Text, 100, "Industry"),
        new("std_company_name", LeadFieldKind.Text, 255, "Standard company name"),
        new("std_consumer_number", LeadFieldKind.Text, 64, "Standard consumer number"),
        new("std_account_number", LeadFieldKind.Text, 64, "Standard account number"),
        new("monthly_revenue", LeadFieldKind.Money, 20, "Monthly revenue (number)"),
        new("annual_revenue", LeadFieldKind.Money, 20, "Annual revenue (number)"),
        new("start_date", LeadFieldKind.Date, 10, "Start date, YYYY-MM-DD"),
    ];

    /// <summary>
    /// Accepted for Convoso compatibility but not stored from the request: Leadline records the
    /// token's API user as creator and modifier itself.
    /// </summary>
    public static readonly IReadOnlySet<string> ServerAssigned =
        new HashSet<string>(StringComparer.Ordinal) { "created_by", "last_modified_by" };

    private static readonly Dictionary<string, LeadFieldSpec> ByName =
        Standard.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out LeadFieldSpec spec) => ByName.TryGetValue(name, out spec!);
}
