using Leadline.Grains.Hopper;
using Leadline.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leadline.Grains;

public static class LeadlineGrainServices
{
    /// <summary>What the grains need from a silo's container (the NpgsqlDataSource is the host's).</summary>
    public static IServiceCollection AddLeadlineGrainServices(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(LeadlineClock.Key, TimeProvider.System);
        services.AddOptions<LeadWriterOptions>();
        services.AddSingleton<LeadIdAllocator>();
        services.AddSingleton<LeadBatchWriter>();
        services.AddSingleton<PhoneShardStore>();
        services.AddSingleton<HopperStore>();
        services.AddSingleton<HopperFeed>();
        services.AddSingleton<LeadChangeStore>();
        return services;
    }
}
