using ResultsLive.Core.Contracts;

namespace ResultsLive.HubLoad;

// Public types: MessagePack's contractless resolver (SignalR's default) reads and writes only public types.

/// <summary>
/// What each fleet connection reads of a <c>Declared</c> push: only the sequence. Both hubs send the full message; the
/// client's deserializer skips the rest the same way for both, so this keeps the client cheap without favouring either.
/// </summary>
public sealed record Delivered(long Sequence);

/// <summary>What a fleet connection reads of the <c>Subscribe</c> answer (ResultsLive's is a full snapshot; the rest is skipped).</summary>
public sealed record SubscribeAck(long Sequence);

/// <summary>
/// A copy of ResultsLive.Web's <c>DeclaredMessage</c> with the same names, order and Core DTO types, so the bare hub
/// serializes byte for byte what ResultsLive sends, under JSON and under MessagePack (which keys by property name).
/// </summary>
public sealed record DeclaredMessage(long Sequence, string Text, ConstituencyDetailDto Constituency, NationalResultsDto National);

/// <summary>The bare hub's answer to <c>Subscribe</c>: deliberately small, as a bare hub has no snapshot to give.</summary>
public sealed record BareSubscription(long Sequence, string Scope);

/// <summary>The answer to a broadcast or an ingest POST: the sequence the message will carry.</summary>
public sealed record SequenceResponse(long Sequence);
