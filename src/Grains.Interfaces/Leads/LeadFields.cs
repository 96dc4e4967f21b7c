namespace Leadline.Grains.Leads;

/// <summary>
/// Validated field values of one lead: standard fields by catalog name in canonical text form
/// (dates yyyy-MM-dd, money invariant decimal, phones E.164) and the account's custom fields.
/// Concrete dictionaries with the default comparer, so Orleans needs no type names on the wire.
/// </summary>
[GenerateSerializer, Immutable, Alias("leadline.lead-fields")]
public sealed record LeadFields(
    [property: Id(0)] Dictionary<string, string> Standard,
    [property: Id(1)] Dictionary<string, string> Custom);
