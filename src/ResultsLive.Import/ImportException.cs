namespace ResultsLive.Import;

/// <summary>A source file that cannot be read as expected, with where in it the problem is so a user can fix the file.</summary>
public sealed class ImportException : Exception
{
    public ImportException(string file, int? line, string? column, string problem, Exception? innerException = null)
        : base(Describe(Path.GetFileName(file), line, column, problem), innerException)
    {
        File = Path.GetFileName(file);
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file's name without its folder: messages reach people who know the file, not the machine's layout.</summary>
    public string File { get; }

    /// <summary>The 1-based line in the file, or null when the problem is not on one line.</summary>
    public int? Line { get; }

    /// <summary>The column's header (or, in JSON, the path to the value), or null when the problem is the whole row or file.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location: "'abc' is not a whole number".</summary>
    public string Problem { get; }

    private static string Describe(string file, int? line, string? column, string problem)
    {
        var where = file;
        if (line is not null)
        {
            where += $" line {line}";
        }

        if (column is not null)
        {
            where += $", column {column}";
        }

        return $"{where}: {problem}";
    }
}
