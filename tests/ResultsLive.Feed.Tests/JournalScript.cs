using ResultsLive.Core.Model;

namespace ResultsLive.Feed.Tests;

/// <summary>Builds journal entries with consecutive sequences, for feeding a <see cref="LiveResults"/> without a journal.</summary>
internal sealed class JournalScript(Election election)
{
    private long _sequence;

    public JournalEntry Declaration(string code, int revision, params int[] votes) =>
        new(++_sequence, JournalEntryKind.Declaration, code, TestElection.Night, TestElection.Declare(election, code, revision, votes), null);

    public JournalEntry Status(string code, SeatStatus status) =>
        new(++_sequence, JournalEntryKind.Status, code, TestElection.Night, null, status);

    public JournalEntry ExitPoll(params (string Party, int Seats)[] parties) =>
        new(++_sequence, JournalEntryKind.ExitPoll, "", TestElection.Night, null, null, TestElection.Sent,
            new ExitPoll([.. parties.Select(p => new ExitPollSeats(p.Party, p.Seats))], "BBC/ITV News/Sky News", TestElection.Night.AddHours(-2)));

    /// <summary>An entry the journal could not decode, as it hands it over.</summary>
    public JournalEntry Unreadable(string code, string problem) =>
        new(++_sequence, JournalEntryKind.Quarantined, code, TestElection.Night, null, null, Problem: problem);
}
