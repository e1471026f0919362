namespace ResultsLive.Import;

/// <summary>When one seat declared, as a declaration-times file names it; match it to a seat with <see cref="DeclarationTimesFile.MatchToConstituencies"/>.</summary>
/// <param name="Name">The file's name for the seat, with "&amp;" written as "and".</param>
/// <param name="Line">Where the row is in the file, for errors found later when matching.</param>
public sealed record DeclarationTimeRow(string Name, DateTimeOffset DeclaredAt, int Line);
