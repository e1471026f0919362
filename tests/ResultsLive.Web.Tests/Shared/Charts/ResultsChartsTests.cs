using System.Text.Json.Nodes;

using ResultsLive.Web.Shared.Charts;

namespace ResultsLive.Web.Tests.Shared.Charts;

public sealed class ResultsChartsTests
{
    [Fact]
    public void Seats_AnyNight_DrawsTheMajorityThresholdAsAnXAxisAnnotation()
    {
        var feed = new DemoFeed(seats: 20);
        for (var i = 0; i < 5; i++)
        {
            feed.Declare(i);
        }

        var chart = new ResultsCharts().Seats(feed.Live.Current.National);
        var (options, series) = (chart.ParseOptions(), chart.ParseSeries());

        var line = options["annotations"]!["xaxis"]!.AsArray().Single()!;
        Assert.Equal(11, line["x"]!.GetValue<int>());
        Assert.Equal("11 for a majority", line["label"]!["text"]!.GetValue<string>());
        Assert.True(options["xaxis"]!["max"]!.GetValue<double>() > 11);

        var winners = feed.Live.Current.National.Parties.Where(p => p.Seats > 0).ToList();
        Assert.Equal(winners.Select(p => p.Party.Code), options["xaxis"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(winners.Select(p => p.Party.Colour), options["colors"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(winners.Select(p => (double)p.Seats), series.Single().Data);
    }

    [Fact]
    public void Seats_SameSnapshot_IsBuiltOnceAndSharedByEveryPage()
    {
        var feed = new DemoFeed(seats: 20);
        feed.Declare(0);
        var charts = new ResultsCharts();

        Assert.Same(charts.Seats(feed.Live.Current.National), charts.Seats(feed.Live.Current.National));
    }

    [Fact]
    public void Share_ManyParties_GroupsTheSmallestAsOthers()
    {
        var feed = new DemoFeed(seats: 60);
        for (var i = 0; i < 60; i++)
        {
            feed.Declare(i);
        }

        var national = feed.Live.Current.National;
        var chart = new ResultsCharts().Share(national);
        var (options, series) = (chart.ParseOptions(), chart.ParseSeries());

        var categories = options["xaxis"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        var voting = national.Parties.Count(p => p.Votes > 0);
        Assert.Equal(Math.Min(voting, ResultsCharts.ShareChartParties + 1), categories.Count);
        Assert.Equal(100, series.Single().Data.Sum(), 0.5);
    }
}
