using System.Collections.Concurrent;

using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Web.Graphics;
using ResultsLive.Web.Graphics.CasparCg;

namespace ResultsLive.Web.Tests.Graphics;

/// <summary>
/// The graphics commands wired as the host wires them, around the 2024 election's live projection: a channel store (memory
/// unless one is given), a SignalR hub context with no connections, an audit that remembers, a fake clock.
/// </summary>
public sealed class GraphicsHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private long _sequence;

    public GraphicsHarness(IChannelStateStore? store = null)
    {
        Live = new LiveResults(Election2024.Election, "test");
        Live.MarkCaughtUp();
        Store = store ?? new InMemoryChannelStateStore();
        var options = new GraphicsOptions();
        options.Channels[GraphicsSettings.Channel] = new ChannelOptions { OutputKey = GraphicsSettings.OutputKey };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR();
        services.AddSingleton(Options.Create(options));
        _services = services.BuildServiceProvider();
        States = new ChannelStates(Store, Options.Create(options), NullLogger<ChannelStates>.Instance);
        Outputs = new OutputConnections();
        Playout = new CasparCgPlayout(Options.Create(options), NullLogger<CasparCgPlayout>.Instance);
        Control = new GraphicsControl(
            Store, States, Live, _services.GetRequiredService<IHubContext<GraphicsHub, IGraphicsClient>>(), Outputs, Playout, Audit, Time, NullLogger<GraphicsControl>.Instance);
    }

    public LiveResults Live { get; }

    public IChannelStateStore Store { get; }

    public ChannelStates States { get; }

    public OutputConnections Outputs { get; }

    public CasparCgPlayout Playout { get; }

    public GraphicsControl Control { get; }

    public RecordingAudit Audit { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 7, 5, 2, 42, 0, TimeSpan.Zero));

    public LiveSnapshot Snapshot => Live.Current;

    /// <summary>Applies a declaration as the consumer would and returns its sequence.</summary>
    public long Declare(Declaration declaration)
    {
        var sequence = ++_sequence;
        Assert.Equal(EntryOutcome.Applied, Live.Apply(new JournalEntry(sequence, JournalEntryKind.Declaration, declaration.Constituency, Time.GetUtcNow(), declaration, null)));
        return sequence;
    }

    public long Declare(string code) => Declare(Election2024.Result(code));

    public Task<ChannelState> StateAsync() => States.GetAsync(GraphicsSettings.Channel, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        States.Dispose();
        await Playout.DisposeAsync();
        await _services.DisposeAsync();
    }

    /// <summary>Every operator act recorded, as the audit trail would.</summary>
    public sealed class RecordingAudit : IGraphicsAudit
    {
        private readonly ConcurrentQueue<GraphicsAuditEvent> _events = new();

        public IReadOnlyList<GraphicsAuditEvent> Events => [.. _events];

        public Task RecordAsync(GraphicsAuditEvent audit, CancellationToken ct)
        {
            _events.Enqueue(audit);
            return Task.CompletedTask;
        }
    }
}
