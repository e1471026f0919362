using System.Net;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

using ResultsLive.Web.Audit;
using ResultsLive.Web.Tests.Api;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>
/// Who reaches what, on a real Kestrel node: pages redirect the anonymous to sign-in and answer 403 to the wrong role; APIs
/// answer 401/403 with problem details; cookie APIs want the antiforgery header; keys act only within their permissions.
/// </summary>
public sealed class NewsroomAccessTests(NewsroomNode fixture) : IClassFixture<NewsroomNode>
{
    private readonly WebNode _node = fixture.Node;

    public static TheoryData<string> NewsroomPages => ["/admin", "/admin/users", "/admin/audit", "/desk", "/operator"];

    [Theory]
    [MemberData(nameof(NewsroomPages))]
    public async Task NewsroomPage_Anonymous_RedirectsToSignInWithTheReturnUrl(string path)
    {
        using var browser = _node.Browse();

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("edith", "/operator")]
    [InlineData("edith", "/admin")]
    [InlineData("oscar", "/desk")]
    [InlineData("oscar", "/admin/users")]
    public async Task NewsroomPage_WrongRole_Is403(string user, string path)
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync(user);

        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var denied = await browser.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("not for your role", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edith", "/desk", "Desk")]
    [InlineData("oscar", "/operator", "Operator")]
    [InlineData("alice", "/admin", "Admin")]
    [InlineData("alice", "/desk", "Desk")]
    [InlineData("alice", "/operator", "Operator")]
    public async Task NewsroomPage_RightRole_ShowsTheSurfaceAndWhoIsSignedIn(string user, string path, string title)
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync(user);

        using var response = await browser.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($">{title}</h1>", html, StringComparison.Ordinal);
        Assert.Matches($"class=\"who\"[^>]*>{user}<", html);
    }

    [Fact]
    public async Task SignIn_ReturnUrlOnAnotherSite_LandsOnTheSurfaceOfTheRoleInstead()
    {
        using var browser = _node.Browse();

        using var response = await browser.SignInAsync("oscar", path: "/signin?returnUrl=" + Uri.EscapeDataString("//evil.example/phish"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/operator", response.Headers.Location?.AbsolutePath);
        Assert.Equal(_node.BaseAddress.Authority, response.Headers.Location?.Authority);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyStrictAndLastsTheNight()
    {
        using var browser = _node.Browse();

        using var response = await browser.SignInAsync("alice");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ResultsLive.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(p => p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)).Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        var fromNow = expires - DateTimeOffset.UtcNow;
        Assert.InRange(fromNow, TimeSpan.FromHours(11), TimeSpan.FromHours(12.5));
    }

    [Fact]
    public async Task AuditApi_Anonymous_Is401ProblemDetails()
    {
        using var browser = _node.Browse();

        using var response = await browser.GetAsync(AuditApi.Path);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authentication");
    }

    [Fact]
    public async Task AuditApi_Editor_Is403ProblemDetails()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("edith");

        using var response = await browser.GetApiAsync(AuditApi.Path, withToken: false);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "role");
    }

    [Fact]
    public async Task AuditApi_AdminCookieWithoutAntiforgeryHeader_Is400NamingTheHeader()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("alice");

        using var response = await browser.GetApiAsync(AuditApi.Path, withToken: false);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "RequestVerificationToken");
    }

    [Fact]
    public async Task AuditApi_AdminWithAntiforgeryHeader_ListsTheirSignIn()
    {
        using var browser = _node.Browse("198.51.100.70");
        await browser.SignedInAsync("alice");

        using var response = await browser.GetApiAsync(AuditApi.Path + "?action=signin&actor=user:alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var events = body.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "signin" && e.GetProperty("detail").GetString()!.Contains("198.51.100.70", StringComparison.Ordinal));
        Assert.All(events, e => Assert.Equal("user:alice", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task AuditApi_MalformedQuery_Is400NamingTheField()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("alice");

        using var response = await browser.GetApiAsync(AuditApi.Path + "?from=yesterday");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "from");
    }

    [Fact]
    public async Task AuditApi_ApiKeyWithoutAdmin_Is403()
    {
        using var client = _node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Newsroom.IngestKey);

        using var response = await client.GetAsync(new Uri(AuditApi.Path, UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "X-Api-Key");
    }

    [Fact]
    public async Task Ingest_NamedKeyWithIngest_IsAcceptedAndAuditedUnderTheKeysName()
    {
        using var client = _node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Newsroom.IngestKey);

        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody(revision: 7).Text()));

        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, response.StatusCode.ToString());
        var audit = _node.Services.GetRequiredService<IAuditTrail>();
        var page = await audit.ReadAsync(new AuditFilter(Actor: "key:wire", Action: AuditActions.Declaration, Target: "E14001305"), new AuditPaging());
        Assert.Contains(page.Events, e => e.Event.Detail!.StartsWith("revision 7, sequence ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_KeyWithoutIngestPermission_Is403NamingTheHeaderAndChangesNothing()
    {
        using var client = _node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Newsroom.OperatorKey);
        using var before = await _node.GetJsonAsync("/api/v1/results");

        using var response = await client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody(revision: 9).Text()));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "X-Api-Key");
        using var after = await _node.GetJsonAsync("/api/v1/results");
        Assert.Equal(before.RootElement.GetProperty("sequence").GetInt64(), after.RootElement.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Ingest_SignedInAdminWithoutKey_Is401()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("alice");

        using var response = await browser.Client.PostAsync(new Uri("/api/v1/declarations", UriKind.Relative), WebNode.Json(Declarations.IslingtonNorthBody(revision: 11).Text()));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Fact]
    public async Task Status_OldIngestKey_IsAuditedAsIngest0()
    {
        using var client = _node.Ingest();

        using var response = await client.PostAsync(new Uri("/api/v1/constituencies/S14000021/status", UriKind.Relative), WebNode.Json("""{ "status": "recount" }"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var page = await _node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Actor: "key:ingest-0", Action: AuditActions.Status, Target: "S14000021"), new AuditPaging());
        Assert.Contains(page.Events, e => e.Event.Detail!.StartsWith("recount, sequence ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Is400AndTheSessionStands()
    {
        using var browser = _node.Browse();
        await browser.SignedInAsync("alice");

        using var response = await browser.Client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var admin = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheSurfacesForm_EndsTheSessionAndIsAudited()
    {
        using var browser = _node.Browse("198.51.100.71");
        await browser.SignedInAsync("edith");
        var token = await browser.FormTokenAsync("/desk");

        using var response = await browser.Client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var desk = await browser.GetAsync("/desk");
        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
        var page = await _node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Actor: "user:edith", Action: AuditActions.SignOut), new AuditPaging());
        Assert.NotEmpty(page.Events);
    }

    [Fact]
    public async Task CrossSiteFormPost_WithTheSessionButNoToken_IsRefused()
    {
        // What another site's auto-submitting form would send if a browser attached the cookie: no antiforgery token.
        using var browser = _node.Browse();
        await browser.SignedInAsync("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/users", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "unlock", ["UnlockName"] = "oscar" }),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await _node.Services.GetRequiredService<IAuditTrail>().ReadAsync(new AuditFilter(Action: AuditActions.UserUnlock), new AuditPaging());
        Assert.Empty(page.Events);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {text}");
    }
}
