namespace ResultsLive.Core.Model;

/// <summary>A seat: its GSS code, where it is, and the electorate known before the night.</summary>
public sealed record Constituency(string Code, string Name, string Region, string Nation, int Electorate);
