namespace ResultsLive.Feed;

/// <summary>
/// Which journal this is and how far it has got, read together. A node that finds another <see cref="Epoch"/> than the one
/// it applied, or <see cref="LastSequence"/> below what it applied (the journal deleted, or Redis restored from an older
/// copy), rebuilds instead of trusting sequence numbers that are about to be reused.
/// </summary>
/// <param name="Epoch">A short random id created with the journal; every id addressed by sequence carries it.</param>
public sealed record JournalPosition(string Epoch, long LastSequence);
