using Leadline.ApiHost.V1;

namespace Leadline.UnitTests.Convoso;

public class V1PathTests
{
    [Theory]
    [InlineData("/v1//leads/insert", "/v1/leads/insert")]
    [InlineData("//v1///leads//insert", "/v1/leads/insert")]
    [InlineData("/v1/leads/insert", "/v1/leads/insert")]
    [InlineData("/v1/leads/insert/", "/v1/leads/insert/")]
    public void Repeated_slashes_collapse(string path, string expected)
    {
        Assert.Equal(expected, V1Routes.CollapseSlashes(path));
    }
}
