using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

public class PhoneIndexDncTests
{
    private const string Phone = "+17275551212";

    [Fact]
    public void RemoveDnc_lifts_only_that_scope()
    {
        var index = new PhoneIndex();
        index.AddDnc(Phone, 0);
        index.AddDnc(Phone, 3);

        Assert.True(index.RemoveDnc(Phone, 0));

        Assert.False(index.Find(Phone)!.IsDnc(4));
        Assert.True(index.Find(Phone)!.IsDnc(3));
    }

    [Fact]
    public void RemoveDnc_of_the_last_scope_forgets_a_phone_without_leads()
    {
        var index = new PhoneIndex();
        index.AddDnc(Phone, 3);

        index.RemoveDnc(Phone, 3);

        Assert.Null(index.Find(Phone));
        Assert.Equal(0, index.PhoneCount);
    }

    [Fact]
    public void RemoveDnc_keeps_a_phone_that_still_has_leads()
    {
        var index = new PhoneIndex();
        index.AddLead(Phone, new LeadRef(1, 10, 3));
        index.AddDnc(Phone, 0);

        index.RemoveDnc(Phone, 0);

        var entry = index.Find(Phone)!;
        Assert.Single(entry.Leads);
        Assert.False(entry.IsDnc(3));
        Assert.Null(entry.DncCampaigns);
    }

    [Fact]
    public void RemoveDnc_reports_whether_the_index_had_the_scope()
    {
        var index = new PhoneIndex();
        index.AddDnc(Phone, 3);

        Assert.False(index.RemoveDnc(Phone, 4));
        Assert.False(index.RemoveDnc("+17275551213", 3));
        Assert.True(index.RemoveDnc(Phone, 3));
        Assert.False(index.RemoveDnc(Phone, 3));
    }
}
