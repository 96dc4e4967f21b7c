using System.Text;
using Leadline.ApiHost.Imports.Jobs;
using Leadline.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Leadline.IntegrationTests.Imports;

/// <summary>The cluster with an import folder of its own (deleted afterwards), so its runner never meets another test run's files.</summary>
public sealed class ImportJobsCluster : LeadlineCluster, IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "leadline-imports-test-" + Guid.NewGuid().ToString("N")[..10]);

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { [ImportSettings.FolderSetting] = Folder };

    public ImportJobs Jobs => ApiServices.GetRequiredService<ImportJobs>();
    public ImportJobStore Store => ApiServices.GetRequiredService<ImportJobStore>();

    /// <summary>An account and an operator of it (a job is uploaded by an operator).</summary>
    public async Task<(TestAccount Account, long OperatorId)> CreateOperatorAccountAsync()
    {
        var account = await CreateAccountAsync();
        var userId = await Accounts.CreateOperatorAsync(account.AccountId, $"op-{Guid.NewGuid():N}@test.local", "password", "Import Operator");
        return (account, userId);
    }

    /// <summary>Uploads a CSV as the page does (streamed into the folder) and returns the job's id.</summary>
    public async Task<long> UploadAsync(TestAccount account, long userId, string csv, string fileName = "leads.csv", long? listId = null)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var (jobId, error) = await Jobs.CreateAsync(account.AccountId, listId ?? account.ListId, userId, fileName, content);
        Assert.True(error is null, error);
        return jobId!.Value;
    }

    /// <summary>Polls the job row until the job has ended.</summary>
    public async Task<ImportJob> WaitUntilEndedAsync(TestAccount account, long jobId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var job = await Jobs.FindAsync(account.AccountId, jobId);
            Assert.NotNull(job);
            if (job.IsFinal)
                return job;
            Assert.True(DateTime.UtcNow < deadline, $"Import {jobId} is still {job.State} ({job.Counts})");
            await Task.Delay(100);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
