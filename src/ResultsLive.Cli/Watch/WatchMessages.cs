using System.Text.Json;

namespace ResultsLive.Cli.Watch;

// The hub's messages as the watcher reads them: only the fields it needs, so new fields never break it.

/// <summary>A pushed declaration: its sequence and result text.</summary>
internal sealed record DeclaredMessage(long Sequence, string Text, JsonElement Constituency);

/// <summary>A pushed status change; the watcher only needs its sequence to notice gaps.</summary>
internal sealed record StatusChangedMessage(long Sequence, string Constituency, string Status);

/// <summary>The answer to Subscribe: where the stream starts.</summary>
internal sealed record SubscriptionSnapshot(long Sequence, string Scope);

/// <summary>One journal entry from GetDeclarationsAfter.</summary>
internal sealed record JournalEntry(long Sequence, string Kind, string Constituency, string? Text);
