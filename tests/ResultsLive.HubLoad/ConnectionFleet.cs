using System.Diagnostics;

using Microsoft.AspNetCore.SignalR.Client;

namespace ResultsLive.HubLoad;

/// <summary>
/// N hub connections to one hub, each subscribed to <c>national</c> and noting every <c>Declared</c> push in a
/// <see cref="DeliveryRecorder"/>. Opened a bounded number at a time, as a real crowd arrives over some seconds.
/// </summary>
internal sealed class ConnectionFleet : IAsyncDisposable
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);
    private static readonly Type[] DeclaredArguments = [typeof(Delivered)];

    private readonly HubConnection?[] _connections;
    private readonly int _concurrency;
    private int _opened;
    private int _failed;
    private int _dropped;
    private int _settled;
    private volatile bool _closing;

    private ConnectionFleet(int size, int concurrency, DeliveryRecorder recorder)
    {
        _connections = new HubConnection?[size];
        _concurrency = concurrency;
        Recorder = recorder;
    }

    public DeliveryRecorder Recorder { get; }

    public int Opened => Volatile.Read(ref _opened);

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Connections that closed while the fleet was in use (the server hung up, or the socket broke).</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    public TimeSpan OpenTime { get; private set; }

    /// <summary>The first reason a connection failed to open, for the report.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>Opens <paramref name="size"/> connections to <paramref name="hubUrl"/>, printing progress, and subscribes each to <c>national</c>.</summary>
    public static async Task<ConnectionFleet> OpenAsync(
        HubClientFactory clients, Uri hubUrl, int size, int concurrency, int pushesPerConnection, CancellationToken ct)
    {
        var fleet = new ConnectionFleet(size, concurrency, new DeliveryRecorder(size, pushesPerConnection));
        var started = Stopwatch.StartNew();
        var step = Math.Max(size / 10, 1);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, size),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (index, token) =>
                {
                    await fleet.OpenOneAsync(clients, hubUrl, index, token).ConfigureAwait(false);
                    var done = Interlocked.Increment(ref fleet._settled);
                    if (done % step == 0)
                    {
                        Console.WriteLine($"     {done,7:N0} / {size:N0} opened ({fleet.Failed:N0} failed) after {started.Elapsed.TotalSeconds:0.0} s");
                    }
                }).ConfigureAwait(false);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        fleet.OpenTime = started.Elapsed;
        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await Parallel.ForEachAsync(
            _connections,
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency },
            static async (connection, _) =>
            {
                if (connection is null)
                {
                    return;
                }

                try
                {
                    await connection.DisposeAsync().AsTask().WaitAsync(CloseTimeout, CancellationToken.None).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // A close that hangs (a server that stopped reading) must not hang the tool; the socket dies with it.
                }
            }).ConfigureAwait(false);
    }

    private static Task OnDeclared(object?[] arguments, object state)
    {
        // The arrival time before anything else the handler does, which is not the server's doing.
        var arrival = Stopwatch.GetTimestamp();
        ((DeliveryRecorder.Slot)state).Record(((Delivered)arguments[0]!).Sequence, arrival);
        return Task.CompletedTask;
    }

    private async Task OpenOneAsync(HubClientFactory clients, Uri hubUrl, int index, CancellationToken ct)
    {
        var connection = clients.Create(hubUrl);
        connection.On("Declared", DeclaredArguments, OnDeclared, Recorder.For(index));
        connection.Closed += _ =>
        {
            if (!_closing)
            {
                Interlocked.Increment(ref _dropped);
            }

            return Task.CompletedTask;
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(OpenTimeout);
        try
        {
            await connection.StartAsync(timeout.Token).ConfigureAwait(false);
            await connection.InvokeAsync<SubscribeAck>("Subscribe", "national", timeout.Token).ConfigureAwait(false);
            _connections[index] = connection;
            Interlocked.Increment(ref _opened);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            // Counted, not thrown: how many of N the server accepted is itself a figure.
            FirstFailure ??= $"{ex.GetType().Name}: {ex.Message}";
            Interlocked.Increment(ref _failed);
        }
    }
}
