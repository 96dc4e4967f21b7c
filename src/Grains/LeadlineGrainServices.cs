using Leadline.Grains.Hopper;
using Leadline.Grains.Storage;
using Leadline.Grains.Workflows;
using Leadline.Grains.Workflows.Actions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
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
        services.AddSingleton<HopperLoaderStore>();
        services.AddSingleton<DialRegionBackfill>();
        services.AddHostedService<HopperLoaderKickoff>();
        services.AddSingleton<HopperFeed>();
        services.AddSingleton<Campaigns.CampaignDialSettingsStore>();
        services.AddSingleton<LeadChangeStore>();
        services.AddSingleton<DncStore>();
        services.AddWorkflowDelivery();
        return services;
    }

    private static void AddWorkflowDelivery(this IServiceCollection services)
    {
        // Delivery logs and signatures use real time; only hopper expiry follows the "leadline" clock.
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WorkflowOptions>();
        services.AddSingleton<WorkflowDeliveryStore>();
        services.AddSingleton<IWorkflowActionHandler, WebhookActionHandler>();
        services.AddSingleton<IWorkflowActionHandler, SetStatusActionHandler>();
        services.AddSingleton<IWorkflowActionHandler, AddToHopperActionHandler>();
        services.AddSingleton<IWorkflowActionHandler, MoveToListActionHandler>();
        services.AddSingleton(sp => new DeliveryRunner(
            sp.GetServices<IWorkflowActionHandler>(), sp.GetRequiredService<IOptions<WorkflowOptions>>().Value, Random.Shared.NextDouble));
        services.AddHostedService<WorkflowDeliveryWorker>();

        services.AddTransient<WebhookTryRecorder>();
        var webhooks = services.AddHttpClient(WebhookActionHandler.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // A webhook answers itself: a redirect is a misconfiguration to see in the log, not to follow
            // (and following one could lead to an internal address the rule's URL never named).
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = WebhookConnector.For(services.GetRequiredService<IOptions<WorkflowOptions>>().Value),
            });
        webhooks.AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WorkflowOptions>>().Value;
                if (options.InProcessRetries > 0)
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.InProcessRetries,
                        Delay = options.InProcessRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                pipeline.AddTimeout(options.RequestTimeout); // per try: inside the retry
            });
        webhooks.AddHttpMessageHandler<WebhookTryRecorder>(); // below the retries: sees every try
        // Every try is a workflow_delivery_attempts row already; the factory's per-request log scopes and
        // lines cost more than the request itself against a fast receiver.
        webhooks.RemoveAllLoggers();
    }
}
