namespace Leadline.Grains.Campaigns;

/// <summary>Which dial setting a problem is about: the admin API answers each with its own code.</summary>
public enum DialSetting
{
    HopperLevel,
    LeadOrder,
    DialableStatuses,
    CallingWindow,
    MaxAttemptsPer24h,
    Recycle,
    UnknownZoneAs,
}

/// <summary>Why a dial setting was refused; <see cref="Text"/> says what is allowed, without naming a parameter.</summary>
public sealed record DialSettingsProblem(DialSetting Setting, string Text);
