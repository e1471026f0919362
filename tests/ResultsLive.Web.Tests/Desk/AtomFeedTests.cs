using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>The Atom feeds checked against RFC 4287's rules: ids, updated, authors, one entry per revision, corrections; ETag and 304.</summary>
public sealed class AtomFeedTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly WebNode _node = WebNode.For2024();

    public void Dispose() => _node.Dispose();

    private string Epoch => _node.Services.GetRequiredService<ResultsLive.Feed.LiveResults>().Current.Epoch;

    [Fact]
    public async Task Results_TwoSeatsAndACorrection_OneValidEntryPerRevisionWithTheCorrectionTitledAsSuch()
    {
        await PostAsync();

        var feed = await FeedAsync("/feeds/results.atom");
        var seat = await FeedAsync("/feeds/constituencies/E14001305.atom");
        var gains = await FeedAsync("/feeds/results.atom?filter=gains");

        AssertValid(feed);
        AssertValid(seat);
        AssertValid(gains);
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(
            ["Correction: Islington North: Ind gain from Lab", "Houghton and Sunderland South: Lab hold", "Islington North: Ind gain from Lab"],
            entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.Equal(
            [$"urn:resultslive:ge2024:{Epoch}:E14001305:2", $"urn:resultslive:ge2024:{Epoch}:E14001305:1"],
            seat.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
        Assert.Equal(2, gains.Root!.Elements(Atom + "entry").Count());
        Assert.Contains("correction", entries[0].Elements(Atom + "category").Select(c => c.Attribute("term")!.Value));
        Assert.Contains("Replaces revision 1", entries[0].Element(Atom + "content")!.Value, StringComparison.Ordinal);
        Assert.Contains("Jeremy Corbyn, the sitting MP, is re-elected as an independent", entries[2].Element(Atom + "content")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_IfNoneMatch_Is304UntilAnotherDeclaration()
    {
        await PostAsync();
        using var client = _node.CreateClient();
        using var first = await client.GetAsync(new Uri("/feeds/results.atom", UriKind.Relative));
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/results.atom");
        request.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(request);
        var firstIds = Ids(XDocument.Parse(await first.Content.ReadAsStringAsync()));

        using var ingest = _node.Ingest();
        await DeskData.WaitForDeskAsync(_node, await DeskData.PostAsync(ingest, DeskData.Order[1]));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/feeds/results.atom");
        again.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/atom+xml", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);

        // Ids are stable: the entries already there keep theirs when another arrives.
        Assert.Equal(firstIds, Ids(XDocument.Parse(await changed.Content.ReadAsStringAsync())).Skip(1));
    }

    [Theory]
    [InlineData("/feeds/results.atom?filter=bogus", HttpStatusCode.BadRequest, "filter")]
    [InlineData("/feeds/constituencies/X99999999.atom", HttpStatusCode.NotFound, "code")]
    public async Task Feeds_BadRequest_ProblemDetailsNamingTheField(string path, HttpStatusCode status, string field)
    {
        using var client = _node.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>RFC 4287's rules for a feed and its entries, as far as a reader depends on them.</summary>
    internal static void AssertValid(XDocument feed)
    {
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Single(root.Elements(Atom + "id"));
        Assert.True(Uri.IsWellFormedUriString(root.Element(Atom + "id")!.Value, UriKind.Absolute));
        Assert.Single(root.Elements(Atom + "title"));
        Assert.Single(root.Elements(Atom + "updated"));
        AssertDate(root.Element(Atom + "updated")!.Value);
        Assert.Single(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.True(root.Elements(Atom + "link").Count(l => (string?)l.Attribute("rel") is null or "alternate") <= 1);
        var feedHasAuthor = root.Elements(Atom + "author").Any(a => a.Element(Atom + "name") is not null);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            var id = Assert.Single(entry.Elements(Atom + "id")).Value;
            Assert.True(Uri.IsWellFormedUriString(id, UriKind.Absolute), id);
            Assert.True(ids.Add(id), $"entry id {id} is repeated");
            Assert.Single(entry.Elements(Atom + "title"));
            AssertDate(Assert.Single(entry.Elements(Atom + "updated")).Value);
            Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any(), "an entry without an author in a feed without one");
            var content = Assert.Single(entry.Elements(Atom + "content"));
            Assert.Equal("html", (string?)content.Attribute("type"));
        }
    }

    private static void AssertDate(string text) =>
        Assert.True(DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"'{text}' is not an RFC 3339 date");

    private static List<string> Ids(XDocument feed) => [.. feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value)];

    private async Task PostAsync()
    {
        using var ingest = _node.Ingest();
        var islington = DeskData.Seat("E14001305");
        await DeskData.PostAsync(ingest, islington);
        await DeskData.PostAsync(ingest, DeskData.Order[0]);
        await DeskData.WaitForDeskAsync(_node, await DeskData.PostAsync(ingest, DeskData.Corrected(islington)));
    }

    private async Task<XDocument> FeedAsync(string path)
    {
        using var client = _node.CreateClient();
        var xml = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }
}
