namespace ResultsLive.Core.Model;

/// <summary>A candidate standing in a seat; declarations are matched to these by party and name.</summary>
public sealed record Nomination(string Name, string Party);
