using Leadline.ApiHost.Hosting;
using Leadline.ApiHost.Seeding;
using Npgsql;

// `Leadline.ApiHost seed <demo.env path> <base url>` creates the demo account on an empty database;
// without arguments the API host serves.
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
