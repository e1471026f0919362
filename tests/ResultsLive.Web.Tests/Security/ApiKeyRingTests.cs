using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;
using ResultsLive.Web.Security;

namespace ResultsLive.Web.Tests.Security;

/// <summary>Named keys and the old ingest list, hashed at start-up and found by the presented value.</summary>
public sealed class ApiKeyRingTests
{
    [Fact]
    public void Find_NamedKey_GivesItsNameAndPermissions()
    {
        var ring = Ring();

        var key = ring.Find("graphics-key-0123456789");

        Assert.NotNull(key);
        Assert.Equal("graphics", key.Name);
        Assert.Equal([ApiKeyPermissions.Operator, ApiKeyPermissions.Override], key.Permissions);
    }

    [Fact]
    public void Find_OldIngestKey_IsIngestOnlyAndNamedByItsIndex()
    {
        var key = Ring().Find("old-ingest-key-bbbbbbbbbb");

        Assert.NotNull(key);
        Assert.Equal("ingest-1", key.Name);
        Assert.Equal([ApiKeyPermissions.Ingest], key.Permissions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("graphics-key-012345678")]
    [InlineData("graphics-key-01234567890")]
    [InlineData("GRAPHICS-KEY-0123456789")]
    public void Find_AnythingElse_IsNobody(string presented) => Assert.Null(Ring().Find(presented));

    [Fact]
    public void Names_ListEveryKeyButNoValue()
    {
        Assert.Equal(["graphics", "ingest-0", "ingest-1"], Ring().Names.Order());
    }

    private static ApiKeyRing Ring()
    {
        var security = new SecurityOptions();
        var graphics = new ApiKeyOptions { Key = "graphics-key-0123456789" };
        graphics.Permissions.Add(ApiKeyPermissions.Operator);
        graphics.Permissions.Add(ApiKeyPermissions.Override);
        security.ApiKeys["graphics"] = graphics;
        var results = new ResultsLiveOptions();
        results.Ingest.ApiKeys.Add("old-ingest-key-aaaaaaaaaa");
        results.Ingest.ApiKeys.Add("old-ingest-key-bbbbbbbbbb");
        return new ApiKeyRing(Options.Create(security), Options.Create(results));
    }
}
