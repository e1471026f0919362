using System.Collections.Concurrent;

using ResultsLive.Core.Model;

using static ResultsLive.Feed.Tests.TestElection;

namespace ResultsLive.Feed.Tests.Replication;

/// <summary>
/// The journal through a Sentinel failover, for real: three Sentinels, a primary and two replicas on loopback, two nodes
/// appending and following through Sentinel connection strings, and the primary SIGKILLed in the middle.
/// </summary>
public sealed class SentinelFailoverTests : IAsyncLifetime, IDisposable
{
    private const int Seats = 80;
    private const int KillAfter = 30;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly List<IDisposable> _owned = [];
    private RedisTopology _topology = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _topology = await RedisTopology.StartAsync(replicas: 2, sentinels: 3, downAfter: TimeSpan.FromSeconds(1));

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        await _topology.DisposeAsync();
    }

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Append_PrimaryKilledMidStream_EveryAcknowledgedEntrySurvivesAndBothNodesFollowWithoutGapsOrRepeats()
    {
        var election = Generated(Seats);
        var electionId = "failover-" + Guid.NewGuid().ToString("N");
        var nodes = new[] { Node(election, electionId), Node(election, electionId) };
        foreach (var node in nodes)
        {
            await node.Consumer.StartAsync(Ct);
            await node.Live.Ready.WaitAsync(Ct);
        }

        // Every seat declared once, alternately on each node; whatever the journal cannot take now is sent again, as a
        // client told 503 does. Each acknowledged answer is what a client was told.
        var acknowledged = new ConcurrentDictionary<string, long>();
        var old = await _topology.PrimaryAsync(Ct);
        var writing = Task.Run(async () =>
        {
            for (var i = 1; i <= Seats; i++)
            {
                if (i == KillAfter + 1)
                {
                    await old.KillAsync();
                }

                var declaration = Declare(election, Code(i), 1, 20_000 + i, 10_000);
                var journal = nodes[i % 2].Journal;
                while (true)
                {
                    try
                    {
                        var answer = await journal.AppendDeclarationAsync(declaration, Sent, Ct);
                        Assert.Contains(answer.Outcome, new[] { AppendOutcome.Appended, AppendOutcome.Repeated });
                        acknowledged[Code(i)] = answer.Sequence;
                        break;
                    }
                    catch (JournalUnavailableException)
                    {
                        await Task.Delay(100, Ct);
                    }
                }
            }
        });
        await writing.WaitAsync(Ct);
        var promoted = await _topology.WaitForFailoverAsync(old, Ct);

        // Both nodes reach the last acknowledged entry through the new primary, and hold exactly what was acknowledged.
        var last = acknowledged.Values.Max();
        foreach (var node in nodes)
        {
            await node.Live.WaitForSequenceAsync(last, Ct);
            var snapshot = node.Live.Current;
            var entries = snapshot.EntriesAfter(0, 1000);
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
            Assert.Equal(Seats, entries.Count(e => e.Kind == JournalEntryKind.Declaration));
            Assert.Equal(Seats, entries.Select(e => e.Constituency).Distinct().Count());
            foreach (var (seat, sequence) in acknowledged)
            {
                Assert.Equal(seat, entries[(int)sequence - 1].Constituency);
            }

            Assert.Equal(Seats, snapshot.National.Declared);
        }

        Assert.NotEqual(old.Port, promoted.Port);
        foreach (var node in nodes)
        {
            await node.Consumer.StopAsync(Ct);
        }
    }

    private (RedisDeclarationJournal Journal, LiveResults Live, JournalConsumer Consumer) Node(Election election, string electionId)
    {
        // The node's own wiring: a Sentinel connection string, replica acknowledgement by default (1 with Sentinel).
        var connections = RedisConnections.Connect(_topology.SentinelConnectionString + ",asyncTimeout=2000,syncTimeout=2000", null, TimeSpan.FromSeconds(1), new ListLogger<RedisConnections>(), Ct);
        _owned.Add(connections);
        Assert.Equal(1, connections.Acknowledgement?.Replicas);
        var journal = new RedisDeclarationJournal(connections.Main, electionId, acknowledgement: connections.Acknowledgement);
        var live = new LiveResults(election, "test");
        var consumer = new JournalConsumer(journal, live, new ListLogger<JournalConsumer>());
        _owned.Add(consumer);
        return (journal, live, consumer);
    }
}
