using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ResultsLive.Web.Tests.Hosting;

/// <summary>
/// A real ResultsLive web node on Kestrel on a free loopback port, configured like a deployment would be:
/// the 2024 election from ../shared/data (or the demo), an ingest key, and optionally a real redis-server.
/// </summary>
public sealed class WebNode : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-ingest-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private WebNode(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null, int port = 0)
    {
        _settings = settings;
        _services = services;
        UseKestrel(port);
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>The 2024 general election from the Library's files, in test mode.</summary>
    public static WebNode For2024(string? redis = null, int port = 0) =>
        Start(SharedData.Election2024Settings(redis ?? "", ApiKey).ToDictionary(s => s.Key, string? (s) => s.Value), port: port);

    /// <summary>The 2024 election with more settings (users, keys, single sign-on) and, optionally, services replaced.</summary>
    public static WebNode For2024(IReadOnlyDictionary<string, string?> settings, string? redis = null, Action<IServiceCollection>? services = null, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = SharedData.Election2024Settings(redis ?? "", ApiKey).ToDictionary(s => s.Key, string? (s) => s.Value);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return Start(all, services, port);
    }

    /// <summary>A node configured with exactly these settings (and the test ingest key): an election of the test's own making.</summary>
    public static WebNode ForSettings(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Start(new Dictionary<string, string?>(settings), services);
    }

    /// <summary>The demo night, as <c>dotnet run</c> shows it, compressed to <paramref name="duration"/>.</summary>
    public static WebNode ForDemo(TimeSpan duration, int seats = 650) => Start(new()
    {
        ["ResultsLive:Demo:Seats"] = seats.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ResultsLive:Demo:Duration"] = duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    public HttpClient Ingest()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var client = CreateClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }

    public static StringContent Json(string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");

        // Outside Development the host does not map the build's static web assets (blazor.web.js, scoped CSS, npm libraries);
        // a published app has them in wwwroot, a test node serves them from the build output like `dotnet run` does.
        builder.UseStaticWebAssets();
        builder.UseSetting("ResultsLive:Ingest:ApiKeys:0", ApiKey);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    private static WebNode Start(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null, int port = 0)
    {
        var node = new WebNode(settings, services, port);
        node.StartServer();
        return node;
    }
}
