namespace Leadline.Grains.PhoneShards;

/// <summary>Convoso's <c>check_dup</c> values.</summary>
public enum DupScope
{
    None = 0,
    Account = 1,
    List = 2,
    Campaign = 3,
}
