using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.Leads;

namespace Leadline.ApiHost.Admin.CustomFields;

/// <summary>
/// What a custom field may be called. Its name is also the insert parameter that carries its value, so it
/// must not clash with a standard field, an insert option or a column Leadline fills itself.
/// </summary>
public static class CustomFieldNames
{
    public const int MaxLength = 64;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "lead_id", "account_id", "campaign_id", "phone_e164", "phone_shard", "custom_fields",
        "created_at", "modified_at", "modified_by", "deleted_at", "id",
    };

    /// <summary>Null when <paramref name="name"/> is allowed, otherwise why not.</summary>
    public static string? Check(string name)
    {
        if (name.Length > MaxLength)
            return $"at most {MaxLength} characters";
        if (!IsLowercaseIdentifier(name))
            return "a lowercase identifier: a letter a-z, then letters, digits or _";
        if (LeadFieldCatalog.TryGet(name, out _) || LeadFieldCatalog.ServerAssigned.Contains(name))
            return $"{name} is a standard lead field";
        if (InsertParameterNames.All.Contains(name) || Reserved.Contains(name))
            return $"{name} is reserved";
        return null;
    }

    private static bool IsLowercaseIdentifier(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');
}
