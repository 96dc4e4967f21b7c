namespace Leadline.Grains.Leads;

/// <summary>
/// Validated field values of one lead: standard fields by catalog name in canonical text form
/// (dates yyyy-MM-dd, money invariant decimal, phones E.164) and the account's custom fields.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-fields")]
public sealed record LeadFields(
    [property: Id(0)] IReadOnlyDictionary<string, string> Standard,
    [property: Id(1)] IReadOnlyDictionary<string, string> Custom)
{
    public static readonly LeadFields Empty = new(
        new Dictionary<string, string>(), new Dictionary<string, string>());
}
