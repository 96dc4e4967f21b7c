using System.Globalization;
using Leadline.Grains.Leads;
using NpgsqlTypes;

namespace Leadline.Grains.Storage;

/// <summary>How each standard field maps to its column type in <c>leads</c>.</summary>
internal static class LeadColumns
{
    public static readonly string StandardList =
        string.Join(", ", LeadFieldCatalog.Standard.Select(f => f.Name));

    public static NpgsqlDbType DbType(LeadFieldKind kind) => kind switch
    {
        LeadFieldKind.Date => NpgsqlDbType.Date,
        LeadFieldKind.Money => NpgsqlDbType.Numeric,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>Values arrive validated and canonical (see LeadFields), so parsing cannot fail here.</summary>
    public static object ToDbValue(LeadFieldKind kind, string value) => kind switch
    {
        LeadFieldKind.Date => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        LeadFieldKind.Money => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture),
        _ => value,
    };
}
