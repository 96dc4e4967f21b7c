using System.Globalization;

namespace Leadline.ApiHost.Dashboard;

/// <summary>How the pages write times and ids: UTC, to the second, the same everywhere.</summary>
public static class DashboardFormat
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
