namespace Leadline.ApiHost.Hosting;

public static class OrleansClientSetup
{
    /// <summary>Finds the silos' gateways through the same PostgreSQL membership table the silos write.</summary>
    public static IClientBuilder AddLeadlineClustering(this IClientBuilder client, IConfiguration configuration, string connectionString)
    {
        var section = configuration.GetSection("Leadline");
        client.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = section["ClusterId"] ?? "leadline-local";
            o.ServiceId = section["ServiceId"] ?? "leadline";
        });
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
        return client;
    }
}
