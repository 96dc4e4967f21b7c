using System.Text.Json;
using Leadline.Grains.Workflows;

namespace Leadline.UnitTests.Workflows;

public class WorkflowActionsTests
{
    public static TheoryData<WorkflowAction> Actions() =>
    [
        new WorkflowAction
        {
            Type = WorkflowActionTypes.Webhook, Url = "https://hooks.example.com/in?x=1", Method = "PUT",
            BodyFormat = WebhookBodyFormats.Form, Secret = "whsec_0123456789abcdef",
        },
        new WorkflowAction { Type = WorkflowActionTypes.SetStatus, Status = "EXPIRED" },
        new WorkflowAction { Type = WorkflowActionTypes.MoveToList, ListId = 9_000_000_001 },
        new WorkflowAction { Type = WorkflowActionTypes.AddToHopper, Priority = 0, ExpiresInMinutes = 300 },
        new WorkflowAction { Type = WorkflowActionTypes.AddToHopper, Priority = 99 },
    ];

    private static string[] Keys(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Config_round_trips_with_the_type_from_its_column(WorkflowAction action)
    {
        var config = WorkflowActionJson.ToConfig(action);

        Assert.Equal(action, WorkflowActionJson.FromConfig(action.Type, config));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Config_has_no_type_key(WorkflowAction action)
    {
        var keys = Keys(WorkflowActionJson.ToConfig(action));

        Assert.DoesNotContain(keys, k => k.Equals("type", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Webhook_config_is_snake_case()
    {
        var config = WorkflowActionJson.ToConfig(new WorkflowAction
        {
            Type = WorkflowActionTypes.Webhook, Url = "https://h.example.com/", Method = "POST", BodyFormat = "json", Secret = "whsec_0123456789abcdef",
        });

        Assert.Equal("""{"url":"https://h.example.com/","method":"POST","body_format":"json","secret":"whsec_0123456789abcdef"}""", config);
    }

    [Fact]
    public void Hopper_and_list_configs_are_snake_case()
    {
        Assert.Equal("""{"priority":5,"expires_in_minutes":60}""",
            WorkflowActionJson.ToConfig(new WorkflowAction { Type = WorkflowActionTypes.AddToHopper, Priority = 5, ExpiresInMinutes = 60 }));
        Assert.Equal("""{"list_id":12}""",
            WorkflowActionJson.ToConfig(new WorkflowAction { Type = WorkflowActionTypes.MoveToList, ListId = 12 }));
    }

    [Fact]
    public void Null_members_are_omitted()
    {
        Assert.Equal("""{"status":"EXPIRED"}""",
            WorkflowActionJson.ToConfig(new WorkflowAction { Type = WorkflowActionTypes.SetStatus, Status = "EXPIRED" }));
        Assert.Equal("{}", WorkflowActionJson.ToConfig(new WorkflowAction { Type = WorkflowActionTypes.AddToHopper }));
    }

    [Fact]
    public void FromConfig_reads_snake_case_and_takes_the_type_from_the_argument_not_the_config()
    {
        var action = WorkflowActionJson.FromConfig(WorkflowActionTypes.AddToHopper, """{"type":"WEBHOOK","priority":7,"expires_in_minutes":15}""");

        Assert.Equal(new WorkflowAction { Type = WorkflowActionTypes.AddToHopper, Priority = 7, ExpiresInMinutes = 15 }, action);
    }

    [Fact]
    public void FromConfig_of_json_null_is_an_empty_action_of_the_type()
    {
        Assert.Equal(new WorkflowAction { Type = WorkflowActionTypes.SetStatus },
            WorkflowActionJson.FromConfig(WorkflowActionTypes.SetStatus, "null"));
    }

    [Fact]
    public void All_lists_the_four_action_types()
    {
        Assert.Equal(["WEBHOOK", "SET_STATUS", "MOVE_TO_LIST", "ADD_TO_HOPPER"], WorkflowActionTypes.All);
    }

    [Theory]
    [InlineData("HOPPER_EXPIRE")]
    [InlineData("Hopper Expire")]
    [InlineData("hopper_expired")]
    [InlineData("HOPPER-EXPIRE")]
    [InlineData("Hopper Expired")]
    [InlineData("  hopper-expired  ")]
    public void Trigger_names_operators_use_parse_to_HOPPER_EXPIRE(string text)
    {
        Assert.Equal(WorkflowTriggers.HopperExpire, WorkflowTriggers.Parse(text));
        Assert.Equal("HOPPER_EXPIRE", WorkflowTriggers.HopperExpire);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HOPPER")]
    [InlineData("HOPPER_EXPIRES")]
    [InlineData("LEAD_INSERTED")]
    [InlineData("DNC_REJECTED")]
    [InlineData("HopperExpire")]
    public void Other_trigger_names_parse_to_null(string text)
    {
        Assert.Null(WorkflowTriggers.Parse(text));
    }

    [Fact]
    public void Only_HOPPER_EXPIRE_is_supported()
    {
        Assert.Equal(["HOPPER_EXPIRE"], WorkflowTriggers.Supported);
    }
}
