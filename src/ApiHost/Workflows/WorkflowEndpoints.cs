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
        Map(v1, "workflows/create", RuleEndpoints.CreateContract, RuleEndpoints.CreateAsync);
        Map(v1, "workflows/search", RuleEndpoints.SearchContract, RuleEndpoints.SearchAsync);
        Map(v1, "workflows/update", RuleEndpoints.UpdateContract, RuleEndpoints.UpdateAsync);
        Map(v1, "workflows/delete", RuleEndpoints.DeleteContract, RuleEndpoints.DeleteAsync);
        Map(v1, "workflows/deliveries/search", DeliveryEndpoints.SearchContract, DeliveryEndpoints.SearchAsync);
        Map(v1, "workflows/deliveries/retry", DeliveryEndpoints.RetryContract, DeliveryEndpoints.RetryAsync);
    }

    private static void Map(IEndpointRouteBuilder v1, string path, ApiEndpoint contract, Delegate handler) =>
        v1.MapApi(path, contract, handler).AddEndpointFilter(RestAnswers.StartResponse);
}
