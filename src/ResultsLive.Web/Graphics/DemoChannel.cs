using System.Security.Cryptography;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Graphics;

/// <summary>
/// The demo's graphics channel: with no election files and no channel configured, a channel <c>demo</c> with a random output
/// key made at start-up, whose output and preview URLs are printed, so a newcomer can put the demo night on air at once.
/// </summary>
public sealed class DemoChannel(IOptions<ResultsLiveOptions> options) : IPostConfigureOptions<GraphicsOptions>
{
    public const string Id = "demo";

    public void PostConfigure(string? name, GraphicsOptions graphics)
    {
        ArgumentNullException.ThrowIfNull(graphics);
        if (options.Value.IsDemo && graphics.Channels.Count == 0)
        {
            graphics.Channels[Id] = new ChannelOptions { OutputKey = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24)), Name = "Demo" };
        }
    }

    /// <summary>Prints the demo channel's output URLs once the node listens (its address is known only then).</summary>
    public sealed class Announcement(IOptions<GraphicsOptions> graphics, IOptions<ResultsLiveOptions> options, IServer server, IHostApplicationLifetime lifetime)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.IsDemo && graphics.Value.Find(Id) is { OutputKey: { } key })
            {
                lifetime.ApplicationStarted.Register(() =>
                {
                    var address = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080")
                        .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                        .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
                    var root = new Uri(address.TrimEnd('/') + "/");

                    // On the console itself, like the demo's sign-in link: for the person who ran the command.
                    Console.WriteLine($"Graphics output (demo channel, OBS/vMix browser source 1920x1080): {new Uri(root, OutputPages.OutputUrl(Id, key))}");
                    Console.WriteLine($"Graphics preview: {new Uri(root, OutputPages.PreviewUrl(Id, key))}");
                });
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
