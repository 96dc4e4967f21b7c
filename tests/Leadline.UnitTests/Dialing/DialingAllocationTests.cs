using Leadline.Grains.Dialing;
using static Leadline.UnitTests.Dialing.DialTestData;

namespace Leadline.UnitTests.Dialing;

/// <summary>Resolve runs per inserted lead and Evaluate per region per cache miss: once warm they allocate nothing.</summary>
public class DialingAllocationTests
{
    [Fact]
    public void A_warm_Resolve_allocates_nothing()
    {
        var byState = Phone("+14045550100");
        var byPhone = Phone("+17275551212");
        DialRegions.Resolve(byState, "Florida", null);
        DialRegions.Resolve(byState, null, "33701-1234");
        DialRegions.Resolve(byPhone, null, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            DialRegions.Resolve(byState, "Florida", null);
            DialRegions.Resolve(byState, null, "33701-1234");
            DialRegions.Resolve(byPhone, null, null);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_warm_Evaluate_allocates_nothing()
    {
        var settings = Federal;
        var now = At(2026, 3, 8, 1, 30, 0, Est);
        CallingHours.Evaluate(FloridaByState, settings, now);
        CallingHours.Evaluate(Louisiana, settings, now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            CallingHours.Evaluate(FloridaByState, settings, now.AddMinutes(i * 17));
            CallingHours.Evaluate(Louisiana, settings, now.AddMinutes(i * 17));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
