using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Microsoft.Extensions.Options;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Security;

/// <summary>
/// The configured API keys, hashed once at start-up: the named keys of <c>ResultsLive:ApiKeys</c> and the old
/// <c>ResultsLive:Ingest:ApiKeys</c> list (ingest only, named <c>ingest-&lt;n&gt;</c> after their index).
/// </summary>
public sealed class ApiKeyRing
{
    private readonly Entry[] _keys;

    public ApiKeyRing(IOptions<SecurityOptions> security, IOptions<ResultsLiveOptions> results)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(results);
        var named = security.Value.ApiKeys
            .Where(k => k.Value.Key is { Length: > 0 })
            .Select(k => new Entry(k.Key, Hash(k.Value.Key!), [.. k.Value.Permissions.Distinct(StringComparer.Ordinal)]));
        var ingest = results.Value.Ingest.ApiKeys
            .Select((key, i) => new Entry(string.Create(CultureInfo.InvariantCulture, $"ingest-{i}"), Hash(key), [ApiKeyPermissions.Ingest]));
        _keys = [.. named, .. ingest];
    }

    public IReadOnlyList<string> Names => [.. _keys.Select(k => k.Name)];

    /// <summary>
    /// The key a presented value is, or null. The presented value's hash is compared with every configured hash in fixed
    /// time and without stopping at a match, so neither the time to answer nor the position of a key gives anything away.
    /// </summary>
    public ApiKeyIdentity? Find(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = Hash(presented);
        Entry? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key.Hash, hash))
            {
                match ??= key;
            }
        }

        return match is null ? null : new ApiKeyIdentity(match.Name, match.Permissions);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private sealed record Entry(string Name, byte[] Hash, IReadOnlyList<string> Permissions);
}

/// <summary>A recognised API key: its configured name and its permissions.</summary>
public sealed record ApiKeyIdentity(string Name, IReadOnlyList<string> Permissions);
