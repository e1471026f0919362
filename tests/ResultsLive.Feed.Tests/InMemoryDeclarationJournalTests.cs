namespace ResultsLive.Feed.Tests;

/// <summary>The journal contract against the embedded journal; a second "node" is the same instance, as in one process.</summary>
public sealed class InMemoryDeclarationJournalTests : DeclarationJournalContract
{
    private readonly InMemoryDeclarationJournal _journal = new();

    protected override string ExpectedKind => "in-memory";

    protected override Task<IDeclarationJournal> CreateNodeAsync(TimeProvider time) => Task.FromResult<IDeclarationJournal>(_journal);
}
