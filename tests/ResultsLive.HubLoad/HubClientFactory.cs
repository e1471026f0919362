using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ResultsLive.HubLoad;

/// <summary>
/// Builds hub connections that share one protocol and one connection factory. <see cref="HubConnectionBuilder"/> would
/// build a service provider per connection: 10,000 of them cost the client memory and start-up time that has nothing to
/// do with the servers being measured.
/// </summary>
internal sealed class HubClientFactory
{
    private readonly IHubProtocol _protocol;
    private readonly HttpConnectionFactory _connections;

    public HubClientFactory(string protocol)
    {
        _protocol = protocol == "messagepack" ? new MessagePackHubProtocol() : new JsonHubProtocol();
        _connections = new HttpConnectionFactory(
            Options.Create(new HttpConnectionOptions
            {
                // WebSockets only and no negotiate round trip: one HTTP upgrade per connection, as a tuned client would do.
                Transports = HttpTransportType.WebSockets,
                SkipNegotiation = true,
                DefaultTransferFormat = _protocol.TransferFormat,
            }),
            NullLoggerFactory.Instance);
    }

    public IHubProtocol Protocol => _protocol;

    public HubConnection Create(Uri hubUrl)
    {
        return new HubConnection(_connections, _protocol, new UriEndPoint(hubUrl), NoServices.Instance, NullLoggerFactory.Instance)
        {
            // On two shared cores a starved client can miss the server's 15 s pings for a while; it should not hang up.
            ServerTimeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>
    /// Where a connection would look up its options: it finds none and keeps its defaults. Not disposable, because a
    /// HubConnection disposes the provider it was given (a builder makes one per connection), and this one is shared.
    /// </summary>
    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
