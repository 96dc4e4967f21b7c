using System.Globalization;
using System.Net.Mail;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Phones;
using Leadline.Grains.Leads;

namespace Leadline.ApiHost.Leads;

/// <summary>Validates one standard or custom field value and puts it in its canonical text form.</summary>
public static class FieldValueValidator
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy"];
    private const decimal MaxMoney = 99_999_999_999_999.99m; // numeric(16,2)

    public static ConvosoError? Validate(LeadFieldSpec spec, string raw, int phoneCode, out string canonical)
    {
        canonical = raw.Trim();
        if (canonical.Contains('\0'))
            return ConvosoErrors.InvalidField(spec.Name, "contains a NUL character");
        if (canonical.Length > spec.MaxLength && spec.Kind is LeadFieldKind.Text or LeadFieldKind.Email)
            return ConvosoErrors.InvalidField(spec.Name, $"longer than {spec.MaxLength} characters");

        switch (spec.Kind)
        {
            case LeadFieldKind.Email:
                if (!MailAddress.TryCreate(canonical, out var address) || address.Address != canonical || !address.Host.Contains('.'))
                    return ConvosoErrors.InvalidEmail;
                return null;
            case LeadFieldKind.Phone:
                if (!PhoneNormalizer.TryNormalize(canonical, phoneCode, out var phone))
                    return ConvosoErrors.InvalidPhone(spec.Name);
                canonical = phone.E164;
                return null;
            case LeadFieldKind.Date:
                if (!DateOnly.TryParseExact(canonical, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return ConvosoErrors.InvalidField(spec.Name, "not a date (use YYYY-MM-DD)");
                canonical = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return null;
            case LeadFieldKind.Money:
                var plain = canonical.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
                if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
                    || Math.Abs(amount) > MaxMoney)
                    return ConvosoErrors.InvalidField(spec.Name, "not a number");
                canonical = decimal.Round(amount, 2).ToString(CultureInfo.InvariantCulture);
                return null;
            default:
                return null;
        }
    }
}
