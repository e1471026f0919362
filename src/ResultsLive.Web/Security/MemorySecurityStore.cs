namespace ResultsLive.Web.Security;

/// <summary>
/// <see cref="ISecurityStore"/> for a node without Redis. Entries expire on the node's clock; past <see cref="Capacity"/>
/// entries the expired ones are swept and, if that is not enough, the ones nearest their expiry go first, so a flood of
/// failures from many addresses cannot grow the node's memory without bound.
/// </summary>
public sealed class MemorySecurityStore(TimeProvider time) : ISecurityStore
{
    public const int Capacity = 50_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public Task<long> IncrementAsync(string key, TimeSpan ttl, long extendAt = long.MaxValue)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var entry = Live(key, now);
            var count = (entry?.Count ?? 0) + 1;
            var expires = entry is null || count == extendAt ? now + ttl : entry.Expires;
            Put(key, new Entry(expires) { Count = count, Members = entry?.Members, Value = entry?.Value }, now);
            return Task.FromResult(count);
        }
    }

    public Task<(long Count, TimeSpan? Remaining)> ReadCounterAsync(string key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            return Task.FromResult(Live(key, now) is { Count: > 0 } entry ? (entry.Count, (TimeSpan?)(entry.Expires - now)) : (0L, null));
        }
    }

    public Task AddToSetAsync(string key, string member, TimeSpan ttl)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var members = new HashSet<string>(Live(key, now)?.Members ?? [], StringComparer.Ordinal) { member };
            Put(key, new Entry(now + ttl) { Members = members }, now);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<string>> SetMembersAsync(string key)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. Live(key, time.GetUtcNow())?.Members ?? []]);
        }
    }

    public Task SetAsync(string key, string value, TimeSpan ttl)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Put(key, new Entry(now + ttl) { Value = value }, now);
            return Task.CompletedTask;
        }
    }

    public Task<string?> GetAsync(string key)
    {
        lock (_lock)
        {
            return Task.FromResult(Live(key, time.GetUtcNow())?.Value);
        }
    }

    public Task<bool> DeleteAsync(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var any = false;
            foreach (var key in keys)
            {
                any |= Live(key, now) is not null;
                _entries.Remove(key);
            }

            return Task.FromResult(any);
        }
    }

    private Entry? Live(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Expires > now)
        {
            return entry;
        }

        _entries.Remove(key);
        return null;
    }

    private void Put(string key, Entry entry, DateTimeOffset now)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(key))
        {
            foreach (var expired in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _entries.Remove(expired);
            }

            // Still full (failures from tens of thousands of addresses within the lockout window): the tenth nearest their
            // end make room. The cost is that some locks end a little early; the node's memory stays bounded.
            if (_entries.Count >= Capacity)
            {
                foreach (var oldest in _entries.OrderBy(e => e.Value.Expires).Take(Capacity / 10).Select(e => e.Key).ToList())
                {
                    _entries.Remove(oldest);
                }
            }
        }

        _entries[key] = entry;
    }

    private sealed class Entry(DateTimeOffset expires)
    {
        public DateTimeOffset Expires { get; } = expires;

        public long Count { get; init; }

        public HashSet<string>? Members { get; init; }

        public string? Value { get; init; }
    }
}
