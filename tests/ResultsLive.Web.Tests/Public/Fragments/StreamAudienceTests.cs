using System.Buffers;
using System.IO.Pipelines;
using System.Text;

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using ResultsLive.Web.Public.Fragments;
using Poll = ResultsLive.Web.Tests.Hosting.Poll;
using ResultsLive.Web.Tests.Shared;

namespace ResultsLive.Web.Tests.Public.Fragments;

/// <summary>
/// The stream's readers as one pass sends them the news, over real pipes: a reader whose connection has not taken its
/// bytes is passed over and catches up by itself, each event once and in order, and a reader that goes is let go.
/// </summary>
public sealed class StreamAudienceTests : IAsyncLifetime, IDisposable
{
    private readonly DemoFeed _feed = new(seats: 20);
    private readonly CancellationTokenSource _stop = new();

    // The ledger's keep-alive pulse also wakes every reader: on a clock that stands still, only news does.
    private readonly FakeTimeProvider _clock = new();
    private FragmentLedger _ledger = null!;
    private StreamAudience _audience = null!;
    private Task _following = Task.CompletedTask;
    private Task _passing = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _ledger = new FragmentLedger(_feed.Live, NullLogger<FragmentLedger>.Instance, _clock);
        _following = _ledger.FollowAsync(_stop.Token);
        Assert.True(await _ledger.WaitForAsync(0, TimeSpan.FromSeconds(10), CancellationToken.None));
        _audience = new StreamAudience(_ledger);
        _passing = _audience.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_following, _passing);
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task SlowReader_IsPassedOverWhileItsBytesWait_ThenGetsWhatItMissedOnceAndInOrder()
    {
        // A connection that takes nothing until read: the first event's flush waits, and the reader stays busy.
        var connection = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        using var gone = new CancellationTokenSource();
        var listening = _audience.ListenAsync(connection.Writer, 0, _ledger.State.Epoch, gone.Token);
        await Poll.UntilAsync(() => _audience.Count == 1, "the reader joining");

        _feed.Declare(0);
        var waiting = await connection.Reader.ReadAsync();
        connection.Reader.AdvanceTo(waiting.Buffer.Start);
        _feed.Declare(1);
        _feed.Declare(2);
        await Poll.UntilAsync(() => _audience.Passed == 3, "a pass after the third declaration, while the reader was still busy");

        var ids = await ReadEventIdsAsync(connection.Reader, 3);

        Assert.Equal([$"{_ledger.State.Epoch}:1", $"{_ledger.State.Epoch}:2", $"{_ledger.State.Epoch}:3"], ids);

        // Caught up and idle again, it hears the next pass like everyone else.
        _feed.Declare(3);
        Assert.Equal([$"{_ledger.State.Epoch}:4"], await ReadEventIdsAsync(connection.Reader, 1));

        await gone.CancelAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, _audience.Count);
    }

    [Fact]
    public async Task ReaderThatClosedItsEnd_IsLetGoAtTheNextNews_AndTheOthersStillHearIt()
    {
        var closed = new Pipe();
        var open = new Pipe();
        using var never = new CancellationTokenSource();
        var leaving = _audience.ListenAsync(closed.Writer, 0, _ledger.State.Epoch, never.Token);
        var staying = _audience.ListenAsync(open.Writer, 0, _ledger.State.Epoch, never.Token);
        await closed.Reader.CompleteAsync();

        _feed.Declare(0);

        await leaving.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([$"{_ledger.State.Epoch}:1"], await ReadEventIdsAsync(open.Reader, 1));
        Assert.False(staying.IsCompleted);
        await never.CancelAsync();
        await staying.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task QuietNight_EachPulseOfTheLedgerSendsEveryReaderAKeepAlive()
    {
        var connection = new Pipe();
        using var gone = new CancellationTokenSource();
        var listening = _audience.ListenAsync(connection.Writer, 0, _ledger.State.Epoch, gone.Token);

        _clock.Advance(FragmentLedger.KeepAlive);

        var read = await connection.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("event: keep-alive\ndata: {}\n\n", Encoding.UTF8.GetString(read.Buffer.ToArray()));
        connection.Reader.AdvanceTo(read.Buffer.End);
        await gone.CancelAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Reads whole events until <paramref name="count"/> sequence events have come, and gives their ids.</summary>
    private static async Task<List<string>> ReadEventIdsAsync(PipeReader reader, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var ids = new List<string>();
        var text = new StringBuilder();
        while (ids.Count < count)
        {
            var read = await reader.ReadAsync(timeout.Token);
            text.Append(Encoding.UTF8.GetString(read.Buffer.ToArray()));
            reader.AdvanceTo(read.Buffer.End);
            var all = text.ToString();
            var end = all.LastIndexOf("\n\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            foreach (var block in all[..end].Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = block.Split('\n');
                if (lines.Contains("event: sequence"))
                {
                    ids.Add(lines.Single(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..]);
                }
            }

            text.Remove(0, end + 2);
        }

        return ids;
    }
}
