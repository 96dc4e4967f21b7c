using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Imports;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// Where the columns of a DNC import are, from its header row: phone_number (required), phone_code,
/// campaign_id, reason, purpose, in any order and case. Other columns are ignored and reported.
/// </summary>
public sealed record DncImportColumns(int Phone, int PhoneCode, int Campaign, int Reason, int Purpose, IReadOnlyList<string> Ignored)
{
    private static readonly string[] Known = [PhoneNumber, DncParameters.PhoneCode, CampaignId, DncParameters.Reason, DncParameters.Purpose];

    public static (DncImportColumns? Columns, ConvosoError? Error) FromHeader(IReadOnlyList<string> header)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!Known.Contains(name))
            {
                if (name.Length > 0)
                    ignored.Add(name);
            }
            else if (!positions.TryAdd(name, i))
            {
                return (null, ConvosoErrors.Invalid("file", $"the header row names {name} twice"));
            }
        }
        if (!positions.TryGetValue(PhoneNumber, out var phone))
            return (null, ConvosoErrors.Invalid("file", $"the first row must be a header naming the columns, with a {PhoneNumber} column"));
        int At(string name) => positions.GetValueOrDefault(name, -1);
        return (new DncImportColumns(phone, At(DncParameters.PhoneCode), At(CampaignId), At(DncParameters.Reason), At(DncParameters.Purpose), ignored), null);
    }
}

/// <summary>Validates one data row of a DNC import, with the same rules and codes as /v1/dnc/insert's parameters.</summary>
public static class DncImportRowParser
{
    public static (DncNewEntry? Entry, ConvosoError? Error) Parse(DncImportColumns columns, TableRecord record)
    {
        string? Cell(int index) => index >= 0 && index < record.Fields.Length ? record.Fields[index] : null;

        if (!TryPhone(Cell(columns.Phone), Cell(columns.PhoneCode), DncErrors.InvalidPhone, out var phone, out var error)
            || !TryScope(Cell(columns.Campaign), DncErrors.InvalidCampaign, out var campaignId, out error)
            || !TryReason(Cell(columns.Reason), out var reason, out error)
            || !TryPurpose(Cell(columns.Purpose), out var purpose, out error))
            return (null, error);
        return (new DncNewEntry(phone, campaignId, Stored(reason), Stored(purpose)), null);
    }
}
