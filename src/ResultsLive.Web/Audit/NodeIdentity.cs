using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ResultsLive.Web.Audit;

/// <summary>Names this node in the audit trail: the machine and the port it listens on (the process id until it listens).</summary>
public sealed class NodeIdentity(IServer server)
{
    private string? _name;

    public string Name => _name ??= FromAddresses() ?? $"{Environment.MachineName}/pid-{Environment.ProcessId}";

    private string? FromAddresses()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? $"{Environment.MachineName}:{uri.Port}"
            : null;
    }
}
