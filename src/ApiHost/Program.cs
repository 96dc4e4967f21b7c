using Leadline.ApiHost.Hosting;
using Leadline.ApiHost.Seeding;
using Leadline.Silo.Migrations;
using Npgsql;

// `Leadline.ApiHost migrate` applies the migrations and exits (as `Leadline.Silo migrate`);
// `Leadline.ApiHost seed <demo.env path> <base url>` creates the demo account on a migrated, empty database;
// without arguments the API host serves (Leadline:Topology: its silo in this process by default, see ApiHostTopology).
if (args is ["migrate", ..])
{
    DatabaseMigrator.Migrate(Environment.GetEnvironmentVariable("ConnectionStrings__Leadline")
        ?? throw new InvalidOperationException("ConnectionStrings__Leadline is not set."));
    Console.WriteLine("Migrations applied.");
    return;
}
if (args is ["seed", var envFile, var baseUrl, ..])
{
    var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Leadline")
        ?? throw new InvalidOperationException("ConnectionStrings__Leadline is not set.");
    await using var db = NpgsqlDataSource.Create(connectionString);
    var created = await DemoSeeder.SeedIfEmptyAsync(db, envFile, baseUrl);
    Console.WriteLine(created ? $"Demo account created; values in {envFile}" : "Database already has accounts; demo seed skipped.");
    return;
}

await ApiHostApp.Build(args).RunAsync();
