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
}
