using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Workflows;

/// <summary>
/// Refusals of /v1/workflows/*: Leadline's own API (REST dialect), so wrong requests are real 4xx, as for the
/// hopper. 63xx are Workflow Automation's codes; 6002/6005 keep their meanings (404 here).
/// </summary>
public static class WorkflowErrors
{
    public static readonly ConvosoError NoSuchRule = ErrorCodes.NoSuchRule;
    public static readonly ConvosoError NoSuchDeadDelivery = ErrorCodes.NoSuchDeadDelivery;
    public static readonly ConvosoError NoSuchCampaign = ConvosoErrors.NoSuchCampaign;
    public static readonly ConvosoError NoSuchList = ConvosoErrors.NoSuchList;
}
