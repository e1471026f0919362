namespace ResultsLive.Core.Model;

/// <summary>A candidate standing in a seat; declarations are matched to these by party and name.</summary>
/// <param name="SittingMp">An MP of the outgoing parliament standing again (the Library's <c>Sitting MP</c> column), so a defeat can be told.</param>
public sealed record Nomination(string Name, string Party, bool SittingMp = false);
