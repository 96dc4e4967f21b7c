using Leadline.Grains;
using Leadline.Grains.Hopper;
using Leadline.Grains.Storage;
using Leadline.Grains.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Dashboard;

namespace Leadline.Silo.Hosting;

public static class LeadlineSiloBuilderExtensions
{
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Everything a Leadline silo needs on PostgreSQL: ADO.NET clustering, grain storage and reminders,
    /// and the data source our grains write through. Used by every host of a silo (LeadlineSiloHosting) and by the test cluster.
    /// </summary>
    public static ISiloBuilder AddLeadline(this ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // A co-hosted API host has registered the same data source already: one pool per process.
        silo.Services.TryAddSingleton(_ => LeadlineDataSource.Create(connectionString));
        silo.Services.AddLeadlineGrainServices();
        silo.Services.Configure<LeadWriterOptions>(silo.Configuration.GetSection("Leadline:Writer"));
        silo.Services.Configure<WorkflowOptions>(silo.Configuration.GetSection("Leadline:Workflows"));
        silo.Services.Configure<HopperOptions>(silo.Configuration.GetSection(HopperOptions.Section));
        // Opt-in: its profiler filters every grain call. The API host serves its pages behind the operator login.
        if (silo.Configuration.GetValue<bool>("Leadline:OrleansDashboard"))
            silo.AddDashboard(options => options.HideTrace = true);
        return silo;
    }
}
