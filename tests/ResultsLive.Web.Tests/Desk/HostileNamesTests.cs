using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Desk;
using ResultsLive.Web.Desk.Webhooks;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Desk;

/// <summary>
/// Names with <c>"</c>, <c>'</c>, <c>&lt;</c>, <c>&amp;</c>, line breaks and non-Latin letters, in a seat's name and a candidate's,
/// reach every output of the desk (alerts JSON, Atom, webhook JSON, Slack, Teams, the desk's HTML) intact and inert.
/// </summary>
public sealed class HostileNamesTests : IDisposable
{
    private const string Seat = "Ynys \"Môn\" <b>&amp;</b> 'Αθήνα'";
    private const string First = "Zoë \"Z\" <script>alert(1)</script>";
    private const string Surname = "O'Brien & 李\nSmith";
    private const string Header =
        "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,Constituency type,Party name,Party abbreviation,"
        + "Electoral Commission party ID,MNIS party ID,Electoral Commission adjunct party ID,Candidate first name,Candidate surname,"
        + "Candidate gender,Sitting MP,Former MP,Member MNIS ID,Votes,Share,Change,DC Person ID";

    private readonly string _file;
    private readonly WebNode _node;

    public HostileNamesTests()
    {
        static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        _file = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}-candidates.csv");
        File.WriteAllText(
            _file,
            Header + "\r\n"
            + $"W07000001,W92000004,{Quote(Seat)},,Wales,Wales,County,Labour,Lab,PP53,15,,{Quote(First)},{Quote(Surname)},Female,No,No,,20000,0.6,,1\r\n"
            + $"W07000001,W92000004,{Quote(Seat)},,Wales,Wales,County,Plaid Cymru,PC,PP77,22,,Siôn,\"Jones \"\"<i>\"\"\",Male,Yes,Yes,9,10000,0.3,,2\r\n",
            new UTF8Encoding(false));
        var settings = Security.Newsroom.Settings();
        settings["ResultsLive:Mode"] = "test";
        settings["ResultsLive:Election:Candidates"] = _file;
        _node = WebNode.ForSettings(settings);
    }

    public void Dispose()
    {
        _node.Dispose();
        File.Delete(_file);
    }

    [Fact]
    public async Task EveryOutput_HostileNames_AreEscapedAndReadBackIntact()
    {
        var candidate = $"{First} {Surname}";
        var body = new JsonObject
        {
            ["constituency"] = "W07000001",
            ["revision"] = 1,
            ["declaredAt"] = "2024-07-05T03:42:00+01:00",
            ["electorate"] = 50000,
            ["invalidVotes"] = 10,
            ["candidates"] = new JsonArray(
                new JsonObject { ["name"] = candidate, ["party"] = "Lab", ["votes"] = 20000 },
                new JsonObject { ["name"] = "Siôn Jones \"<i>\"", ["party"] = "PC", ["votes"] = 10000 }),
        };
        using var ingest = _node.Ingest();
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await ingest.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await DeskData.WaitForDeskAsync(_node, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sequence"]!.GetValue<long>());
        var oneLine = "Zoë \"Z\" <script>alert(1)</script> O'Brien & 李 Smith";
        var entry = _node.Services.GetRequiredService<DeskLog>().Entries.Single();

        // The alerts API: JSON that reads back to the name on one line (the sitting MP's defeat names them both).
        using var alerts = await _node.GetJsonAsync("/api/v1/alerts");
        var reasons = alerts.RootElement[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList();
        Assert.Contains(reasons, r => r.Contains(oneLine, StringComparison.Ordinal) && r.Contains("Siôn Jones \"<i>\"", StringComparison.Ordinal));
        Assert.Equal(Seat, alerts.RootElement[0].GetProperty("name").GetString());

        // Atom: well-formed, and the title reads back as the plain copy.
        var atom = XDocument.Parse(await _node.GetStringAsync("/feeds/results.atom"));
        AtomFeedTests.AssertValid(atom);
        XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Equal(entry.Copy.Rush.Plain, atom.Root!.Element(ns + "entry")!.Element(ns + "title")!.Value);
        var html = atom.Root!.Element(ns + "entry")!.Element(ns + "content")!.Value;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains(oneLine, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        // Webhooks: JSON reads back intact; Slack escapes its three characters; Teams escapes Markdown.
        var json = JsonDocument.Parse(WebhookPayloads.Json(entry, "id")).RootElement;
        Assert.Equal(candidate, json.GetProperty("winner").GetProperty("name").GetString());
        var slack = JsonDocument.Parse(WebhookPayloads.Slack(entry)).RootElement;
        var slackText = slack.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.DoesNotContain("<script>", slackText, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; O'Brien &amp; 李 Smith", slackText, StringComparison.Ordinal);
        var teams = JsonDocument.Parse(WebhookPayloads.Teams(entry)).RootElement;
        var card = teams.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        Assert.Contains("\\<script\\>", card[1].GetProperty("text").GetString(), StringComparison.Ordinal);

        // The desk's own page: the names are text, never markup.
        using var editor = Security.Newsroom.Browse(_node);
        using var signedIn = await editor.SignInAsync("edith");
        using var desk = await editor.GetAsync("/desk");
        Assert.Equal(System.Net.HttpStatusCode.OK, desk.StatusCode);
        var page = await desk.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>&amp;</b>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }
}
