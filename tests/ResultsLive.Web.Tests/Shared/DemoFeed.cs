using ResultsLive.Core.Model;
using ResultsLive.Feed;
using ResultsLive.Import;

namespace ResultsLive.Web.Tests.Shared;

/// <summary>A small demo election and its <see cref="LiveResults"/>, with helpers that apply journal entries the way the consumer does.</summary>
public sealed class DemoFeed
{
    private long _sequence;

    public DemoFeed(int seats = 20, int subscriberCapacity = LiveResults.DefaultSubscriberCapacity)
    {
        Loaded = DemoElection.Generate(seats);
        Live = new LiveResults(Loaded.Election, "demo", subscriberCapacity);
        Live.MarkCaughtUp();
    }

    public LoadedElection Loaded { get; }

    public Election Election => Loaded.Election;

    public LiveResults Live { get; }

    /// <summary>The demo night's declarations, in the order they come in.</summary>
    public IReadOnlyList<Declaration> Night => Loaded.Results;

    public static DateTimeOffset Now { get; } = new(2024, 7, 5, 3, 42, 0, TimeSpan.FromHours(1));

    public JournalEntry Entry(Declaration declaration) =>
        new(++_sequence, JournalEntryKind.Declaration, declaration.Constituency, Now, declaration, null);

    public JournalEntry StatusEntry(string constituency, SeatStatus status) =>
        new(++_sequence, JournalEntryKind.Status, constituency, Now, null, status);

    public JournalEntry ExitPollEntry(ExitPoll exitPoll) =>
        new(++_sequence, JournalEntryKind.ExitPoll, "", Now, null, null, ExitPoll: exitPoll);

    /// <summary>Declares the night's <paramref name="index"/>th result and returns it.</summary>
    public Declaration Declare(int index)
    {
        var declaration = Night[index];
        Assert.Equal(EntryOutcome.Applied, Live.Apply(Entry(declaration)));
        return declaration;
    }

    /// <summary>Re-declares a result under <paramref name="revision"/> with the last candidate given <paramref name="extraVotes"/> more.</summary>
    public Declaration Correct(Declaration declaration, int revision, int extraVotes)
    {
        var corrected = declaration with
        {
            Revision = revision,
            Candidates = [.. declaration.Candidates.Select((c, i) => i == declaration.Candidates.Count - 1 ? c with { Votes = c.Votes + extraVotes } : c)],
        };
        Assert.Equal(EntryOutcome.Applied, Live.Apply(Entry(corrected)));
        return corrected;
    }

    public void SetStatus(string constituency, SeatStatus status) =>
        Assert.Equal(EntryOutcome.Applied, Live.Apply(StatusEntry(constituency, status)));
}
