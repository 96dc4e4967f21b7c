using Leadline.ApiHost.HopperApi;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Workflows;

/// <summary>
/// Workflow Automation, /v1/workflows/* (token scope <c>admin</c>), on the /v1 pipeline in the REST dialect:
/// a wrong request is a real 4xx (400, 401, 403, 404), as in the hopper API. GET works too, as everywhere in /v1.
/// </summary>
public static class WorkflowEndpoints
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services) =>
        services.AddSingleton<WorkflowRuleStore>().AddSingleton<DeliveryQueries>();

    public static void MapWorkflows(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("workflows/create", RuleEndpoints.CreateContract, RuleEndpoints.CreateAsync);
        v1.MapApi("workflows/search", RuleEndpoints.SearchContract, RuleEndpoints.SearchAsync);
        v1.MapApi("workflows/update", RuleEndpoints.UpdateContract, RuleEndpoints.UpdateAsync);
        v1.MapApi("workflows/delete", RuleEndpoints.DeleteContract, RuleEndpoints.DeleteAsync);
        v1.MapApi("workflows/deliveries/search", DeliveryEndpoints.SearchContract, DeliveryEndpoints.SearchAsync);
        v1.MapApi("workflows/deliveries/retry", DeliveryEndpoints.RetryContract, DeliveryEndpoints.RetryAsync);
    }
}
