using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Feed;

/// <summary>The default run: no election configured, no Redis, and a synthetic night declares itself on a timer.</summary>
public sealed class DemoNightTests
{
    [Fact]
    public async Task DefaultRun_NoElectionConfigured_DeclaresSeatsInDemoMode()
    {
        using var node = WebNode.ForDemo(TimeSpan.FromSeconds(6), seats: 60);

        var declared = 0;
        for (var i = 0; i < 200 && declared < 60; i++)
        {
            await Task.Delay(100);
            using var results = await node.GetJsonAsync("/api/v1/results");
            Assert.Equal("demo", results.RootElement.GetProperty("mode").GetString());
            declared = results.RootElement.GetProperty("declared").GetInt32();
        }

        Assert.Equal(60, declared);
        using var seats = await node.GetJsonAsync("/api/v1/constituencies");
        Assert.All(seats.RootElement.EnumerateArray(), s => Assert.Equal("declared", s.GetProperty("status").GetString()));
        using var health = await node.GetJsonAsync("/healthz");
        Assert.Equal("in-memory", health.RootElement.GetProperty("entries").GetProperty("journal").GetProperty("data").GetProperty("kind").GetString());
    }
}
