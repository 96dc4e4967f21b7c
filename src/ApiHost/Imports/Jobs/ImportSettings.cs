namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// Where uploaded lead files wait for their job (<c>Leadline:Imports:Folder</c>, default a <c>leadline-imports</c>
/// folder under the temp path) and how many jobs this API host runs at once (<c>Leadline:Imports:MaxRunningJobs</c>,
/// default 2). A job runs on the API host that received its file: <see cref="Host"/> names it in the job row.
/// </summary>
public sealed class ImportSettings
{
    public const string FolderSetting = "Leadline:Imports:Folder";
    public const string MaxRunningJobsSetting = "Leadline:Imports:MaxRunningJobs";

    /// <summary>The largest upload, as /v1/leads/import's.</summary>
    public const long MaxFileBytes = Leads.Import.ImportUpload.MaxBodyBytes;

    /// <summary>An upload left in state uploaded this long (never started) is cancelled and its file deleted.</summary>
    public static readonly TimeSpan UnstartedFor = TimeSpan.FromHours(24);

    /// <summary>A running job whose runner has not written for this long is marked interrupted (its host is gone).</summary>
    public static readonly TimeSpan SilentFor = TimeSpan.FromMinutes(10);

    public required string Folder { get; init; }
    public int MaxRunningJobs { get; init; } = 2;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>This API host, as lead_import_jobs.host: the machine's name.</summary>
    public string Host { get; init; } = Environment.MachineName;

    public static ImportSettings From(IConfiguration configuration)
    {
        var folder = configuration[FolderSetting] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "leadline-imports");
        var settings = new ImportSettings
        {
            Folder = Path.GetFullPath(folder),
            MaxRunningJobs = Math.Max(1, configuration.GetValue(MaxRunningJobsSetting, 2)),
        };
        Directory.CreateDirectory(settings.Folder);
        return settings;
    }
}
