using System.Collections.Frozen;
using Leadline.Grains.Campaigns;

namespace Leadline.Grains.Dialing;

/// <summary>
/// The states whose telemarketing rules are stricter than the federal 8:00–21:00 (47 CFR 64.1200(c)(1)). A starting
/// point an operator must verify with counsel, not legal advice: statutes change and carry exemptions (consent,
/// established business relationship…) this table does not model. docs/dialing-rules.md lists what each row
/// rests on and what was left out. Holidays are the US federal ones (<see cref="UsHolidays"/>).
/// </summary>
internal static class StateCallingRules
{
    private static DayWindow Hours(int fromHour, int toHour) => new(fromHour * 60, toHour * 60);

    private static readonly StateCallingRule[] Rows =
    [
        // Automated solicitation calls: none before 8 a.m. or after 8 p.m., none on Sundays or holidays.
        new("AL", Hours(8, 20), Hours(8, 20), DayWindow.Closed, NoCallsOnHolidays: true, null,
            "Ala. Admin. Code r. 770-X-5-.17(1)(b)"),
        // 9 a.m.-8 p.m. since the 2023 amendment (hours as reported by industry summaries; subsection not checked).
        new("CT", Hours(9, 20), Hours(9, 20), Hours(9, 20), NoCallsOnHolidays: false, null,
            "Conn. Gen. Stat. § 42-288a, as amended by Public Act 23-98"),
        // (6)(a): not before 8 a.m. or after 8 p.m. in the called person's time zone; (6)(b): at most 3 calls per 24 h on one subject.
        new("FL", Hours(8, 20), Hours(8, 20), Hours(8, 20), NoCallsOnHolidays: false, 3,
            "Fla. Stat. § 501.616(6)(a)-(b)"),
        // 8 a.m.-8 p.m. Monday through Saturday; not on state holidays or Sundays.
        new("LA", Hours(8, 20), Hours(8, 20), DayWindow.Closed, NoCallsOnHolidays: true, null,
            "La. R.S. 45:811(2)-(3)"),
        // No unsolicited telephonic sales call between 8 p.m. and 8 a.m. at the consumer's location.
        new("MA", Hours(8, 20), Hours(8, 20), Hours(8, 20), NoCallsOnHolidays: false, null,
            "201 CMR 12.02(2)"),
        // Stop the Spam Calls Act of 2023 (in force 2024-01-01): 8 a.m.-8 p.m., at most 3 calls per 24 h on one subject.
        new("MD", Hours(8, 20), Hours(8, 20), Hours(8, 20), NoCallsOnHolidays: false, 3,
            "Md. Code Ann., Com. Law § 14-4502"),
        // 8 a.m.-8 p.m. "Central Standard Time" (all of Mississippi is Central; local time is used), never on Sunday.
        new("MS", Hours(8, 20), Hours(8, 20), DayWindow.Closed, NoCallsOnHolidays: false, null,
            "Miss. Code Ann. § 77-3-723(1)"),
        // Telephone Solicitation Act of 2022: 8 a.m.-8 p.m., at most 3 calls per 24 h on one subject.
        new("OK", Hours(8, 20), Hours(8, 20), Hours(8, 20), NoCallsOnHolidays: false, 3,
            "Okla. Stat. tit. 15, § 775C.4"),
        // Federal hours; no telephone solicitation calls on legal holidays since Act 73 of 2019.
        new("PA", Hours(8, 21), Hours(8, 21), Hours(8, 21), NoCallsOnHolidays: true, null,
            "73 P.S. § 2245(a)(10)"),
        // "Hours of operation": Mon-Fri 9 a.m.-6 p.m. except state or federal holidays, Saturday 10 a.m.-5 p.m.
        new("RI", Hours(9, 18), Hours(10, 17), DayWindow.Closed, NoCallsOnHolidays: true, null,
            "R.I. Gen. Laws §§ 5-61-2, 5-61-3.6"),
        // Not before 9 a.m. or after 9 p.m. weekdays and Saturday, not before noon or after 9 p.m. on Sunday.
        new("TX", Hours(9, 21), Hours(9, 21), Hours(12, 21), NoCallsOnHolidays: false, null,
            "Tex. Bus. & Com. Code § 301.051"),
        // Not between 9 p.m. and 8 a.m., not on a Sunday, not on a legal holiday.
        new("UT", Hours(8, 21), Hours(8, 21), DayWindow.Closed, NoCallsOnHolidays: true, null,
            "Utah Code § 13-25a-103(3)"),
        // Commercial telephone solicitors: not received before 8 a.m. or after 8 p.m. at the recipient's local time.
        new("WA", Hours(8, 20), Hours(8, 20), Hours(8, 20), NoCallsOnHolidays: false, null,
            "RCW 19.158.040(2)"),
    ];

    private static readonly FrozenDictionary<string, StateCallingRule> ByState =
        Rows.ToFrozenDictionary(r => r.State, StringComparer.Ordinal);

    public static IReadOnlyList<StateCallingRule> All => Rows;

    public static StateCallingRule? For(string? state) =>
        state is not null && ByState.TryGetValue(state, out var rule) ? rule : null;
}
