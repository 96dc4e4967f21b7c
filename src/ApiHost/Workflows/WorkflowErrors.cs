using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Workflows;

/// <summary>
/// Refusals of /v1/workflows/*: Leadline's own API, so wrong requests are real 4xx, as for the hopper.
/// 63xx are Workflow Automation's codes; 6002/6005 keep Convoso's meanings.
/// </summary>
public static class WorkflowErrors
{
    public static readonly ConvosoError NoSuchRule = new(404, 6301, "No such workflow rule");
    public static readonly ConvosoError NoSuchDeadDelivery = new(404, 6302, "No such delivery in the dead-letter state");
    public static readonly ConvosoError NoSuchCampaign = new(404, 6005, "No such Campaign");
    public static readonly ConvosoError NoSuchList = new(404, 6002, "No such List");
}
