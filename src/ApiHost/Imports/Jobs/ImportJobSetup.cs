namespace Leadline.ApiHost.Imports.Jobs;

public static class ImportJobSetup
{
    /// <summary>Lead upload jobs: the store, the operations the pages use, and the runner (a hosted service of the API host).</summary>
    public static IServiceCollection AddImportJobs(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(_ => ImportSettings.From(configuration))
        .AddSingleton<ImportJobStore>()
        .AddSingleton<ImportJobRunner>()
        .AddHostedService(provider => provider.GetRequiredService<ImportJobRunner>())
        .AddSingleton<ImportJobs>();
}
