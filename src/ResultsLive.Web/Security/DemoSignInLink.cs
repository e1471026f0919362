using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Security;

/// <summary>
/// The demo's way in, as the .NET Aspire dashboard prints its login URL: with no election files and no users configured,
/// the node makes a random one-time token at start-up and prints a link that signs in <c>demo-admin</c> (admin) once.
/// Only the token's hash is stored (in Redis when configured, so a second node accepts it once too); it lasts a day.
/// </summary>
public sealed class DemoSignInLink(
    ISecurityStore store, IServer server, IHostApplicationLifetime lifetime, UserDirectory users, IOptions<ResultsLiveOptions> options, ILogger<DemoSignInLink> logger)
    : IHostedService
{
    public const string UserName = "demo-admin";
    public const string Path = Account.AccountSurface.DemoLink;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly TaskCompletionSource<Uri> _link = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True on a demo node without users: the only case in which a link is made or accepted.</summary>
    public bool IsOffered => options.Value.IsDemo && !users.Any;

    /// <summary>The printed link, once the node listens.</summary>
    public Task<Uri> Link => _link.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsOffered)
        {
            // The server's real address is known only once it listens.
            lifetime.ApplicationStarted.Register(() => _ = CreateAsync());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Uses a token: true exactly once per printed link, on whichever node.</summary>
    public async Task<bool> RedeemAsync(string? token) =>
        IsOffered && token is { Length: > 0 and <= 100 } && await store.DeleteAsync(Key(token)).ConfigureAwait(false);

    private async Task CreateAsync()
    {
        try
        {
            var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            await store.SetAsync(Key(token), "1", Lifetime).ConfigureAwait(false);
            var link = new Uri(BaseAddress(), $"{Path}?token={token}");
            // On the console itself, not through logging: it is for the person who ran the command, at any log level.
            Console.WriteLine($"Newsroom sign-in (one use): {link}");
            _link.TrySetResult(link);
        }
#pragma warning disable CA1031 // A demo that cannot print its link still serves the public pages; say why and go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Could not make the demo's one-time sign-in link");
            _link.TrySetException(ex);
        }
    }

    private Uri BaseAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault() ?? "http://localhost:5080";

        // A wildcard binding is not an address a browser can open.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri;
    }

    private static string Key(string token) => "demo-link:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
