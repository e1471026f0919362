using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

using ResultsLive.Web.Security;
using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>Users, keys and a browser-like HTTP client (cookies, antiforgery tokens, an address of its own) for the sign-in tests.</summary>
internal static partial class Newsroom
{
    public const string Password = "correct horse battery staple";
    public const string IngestKey = "named-ingest-key-0123456789";
    public const string OperatorKey = "named-operator-key-0123456789";

    // Hashing costs PBKDF2's 100,000 rounds: once per run, not once per node.
    private static readonly Lazy<string> Hash = new(() => PasswordHashes.Hash(Password));

    /// <summary>alice (admin), oscar (operator), edith (editor), and two named keys.</summary>
    public static Dictionary<string, string?> Settings(params (string Name, string Role)[] users)
    {
        if (users.Length == 0)
        {
            users = [("alice", NewsroomRoles.Admin), ("oscar", NewsroomRoles.Operator), ("edith", NewsroomRoles.Editor)];
        }

        var settings = new Dictionary<string, string?>
        {
            ["ResultsLive:ApiKeys:wire:Key"] = IngestKey,
            ["ResultsLive:ApiKeys:wire:Permissions:0"] = ApiKeyPermissions.Ingest,
            ["ResultsLive:ApiKeys:graphics:Key"] = OperatorKey,
            ["ResultsLive:ApiKeys:graphics:Permissions:0"] = ApiKeyPermissions.Operator,
        };
        for (var i = 0; i < users.Length; i++)
        {
            settings[$"ResultsLive:Users:{i}:Name"] = users[i].Name;
            settings[$"ResultsLive:Users:{i}:PasswordHash"] = Hash.Value;
            settings[$"ResultsLive:Users:{i}:Roles:0"] = users[i].Role;
        }

        return settings;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, coming from <paramref name="address"/> (through
    /// X-Forwarded-For, which the node believes from loopback, as it would from infra/nginx).</summary>
    public static Browser Browse(this WebNode node, string address = "198.51.100.7") => new(node, address);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>An HTTP client with a cookie jar, as a browser would be.</summary>
    internal sealed class Browser : IDisposable
    {
        private readonly HttpClient _client;

        public Browser(WebNode node, string address)
        {
            Cookies = new CookieContainer();
            _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
            _client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        }

        public CookieContainer Cookies { get; }

        public HttpClient Client => _client;

        public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative));

        /// <summary>Posts the sign-in form as the page serves it (with its antiforgery token).</summary>
        public async Task<HttpResponseMessage> SignInAsync(string name, string password = Password, string path = "/signin")
        {
            var token = await FormTokenAsync(path);
            return await _client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = token,
                ["Input.Name"] = name,
                ["Input.Password"] = password,
            }));
        }

        /// <summary>Signs in and checks it worked: a redirect away from the form, with the session cookie set.</summary>
        public async Task SignedInAsync(string name)
        {
            using var response = await SignInAsync(name);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        /// <summary>The antiforgery token a form on <paramref name="path"/> carries.</summary>
        public async Task<string> FormTokenAsync(string path)
        {
            using var page = await GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            var match = TokenField().Match(html);
            Assert.True(match.Success, $"no antiforgery token on {path} ({page.StatusCode}): {html[..Math.Min(html.Length, 500)]}");
            return WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        /// <summary>The token cookie-authenticated API calls carry in the RequestVerificationToken header.</summary>
        public async Task<string> ApiTokenAsync()
        {
            using var response = await GetAsync("/api/v1/antiforgery");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        public async Task<HttpResponseMessage> GetApiAsync(string path, bool withToken = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (withToken)
            {
                request.Headers.Add(CookieApiAntiforgery.Header, await ApiTokenAsync());
            }

            return await _client.SendAsync(request);
        }

        public void Dispose() => _client.Dispose();
    }
}
