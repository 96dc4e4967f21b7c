namespace Leadline.ApiHost.Workflows;

/// <summary>Workflow Automation, /v1/workflows/* (token scope <c>admin</c>). GET works too, as for insert.</summary>
public static class WorkflowEndpoints
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services) =>
        services.AddSingleton<WorkflowRuleStore>().AddSingleton<DeliveryQueries>();

    public static void MapWorkflows(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/v1/workflows/create", ["GET", "POST"], RuleEndpoints.CreateAsync);
        routes.MapMethods("/v1/workflows/search", ["GET", "POST"], RuleEndpoints.SearchAsync);
        routes.MapMethods("/v1/workflows/update", ["GET", "POST"], RuleEndpoints.UpdateAsync);
        routes.MapMethods("/v1/workflows/delete", ["GET", "POST"], RuleEndpoints.DeleteAsync);
        routes.MapMethods("/v1/workflows/deliveries/search", ["GET", "POST"], DeliveryEndpoints.SearchAsync);
        routes.MapMethods("/v1/workflows/deliveries/retry", ["GET", "POST"], DeliveryEndpoints.RetryAsync);
    }
}
