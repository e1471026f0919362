using System.Collections.Concurrent;
using System.Text.Json;

using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ResultsLive.Web.Tests.Hubs;

/// <summary>A real SignalR client of <c>/hubs/results</c> that records every push it gets.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly bool _messagePack;

    private HubClient(HubConnection connection, bool messagePack)
    {
        Connection = connection;
        _messagePack = messagePack;
    }

    public HubConnection Connection { get; }

    public ConcurrentQueue<JsonElement> Declared { get; } = new();

    public ConcurrentQueue<JsonElement> StatusChanged { get; } = new();

    public ConcurrentQueue<JsonElement> ExitPoll { get; } = new();

    public ConcurrentQueue<JsonElement> Alerts { get; } = new();

    public static async Task<HubClient> ConnectAsync(Uri node, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(node, "hubs/results"));
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var client = new HubClient(builder.Build(), messagePack);
        if (messagePack)
        {
            // MessagePack maps arrive as dictionaries keyed by member name; turn them into the same camelCase JSON to assert on.
            client.Connection.On<Dictionary<object, object?>>("Declared", m => client.Declared.Enqueue(ToJson(m)));
            client.Connection.On<Dictionary<object, object?>>("StatusChanged", m => client.StatusChanged.Enqueue(ToJson(m)));
            client.Connection.On<Dictionary<object, object?>>("ExitPoll", m => client.ExitPoll.Enqueue(ToJson(m)));
            client.Connection.On<Dictionary<object, object?>>("Alert", m => client.Alerts.Enqueue(ToJson(m)));
        }
        else
        {
            client.Connection.On<JsonElement>("Declared", m => client.Declared.Enqueue(m));
            client.Connection.On<JsonElement>("StatusChanged", m => client.StatusChanged.Enqueue(m));
            client.Connection.On<JsonElement>("ExitPoll", m => client.ExitPoll.Enqueue(m));
            client.Connection.On<JsonElement>("Alert", m => client.Alerts.Enqueue(m));
        }

        await client.Connection.StartAsync();
        return client;
    }

    public async Task<JsonElement> SubscribeAsync(string scope) =>
        _messagePack
            ? ToJson(await Connection.InvokeAsync<Dictionary<object, object?>>("Subscribe", scope))
            : await Connection.InvokeAsync<JsonElement>("Subscribe", scope);

    public async Task WaitForAsync(Func<HubClient, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"hub client: {Declared.Count} declared, {StatusChanged.Count} status messages");
            }

            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web) { DictionaryKeyPolicy = JsonNamingPolicy.CamelCase };

    private static JsonElement ToJson(Dictionary<object, object?> map) => JsonSerializer.SerializeToElement(map, CamelCase);
}
