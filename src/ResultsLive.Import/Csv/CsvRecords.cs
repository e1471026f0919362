using System.Globalization;
using System.Text;

using CsvHelper;
using CsvHelper.Configuration;

namespace ResultsLive.Import;

/// <summary>Reads a CSV file a record at a time, with fields fetched by header name, so every reader reports errors the same way.</summary>
/// <remarks>
/// The parsing itself is CsvHelper's (quotes, CRLF or LF, a missing final newline). Fields are fetched by header
/// rather than mapped to a class because each file needs its own repairs, and every failure must name the
/// file, the line and the column.
/// </remarks>
internal sealed class CsvRecords : IDisposable
{
    /// <summary>Counts are unsigned; thousands separators ("37,508") appear in the notional file.</summary>
    private const NumberStyles CountStyle = NumberStyles.AllowThousands;

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture);

    private readonly CsvParser _parser;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private string[] _record = [];

    private CsvRecords(string path, CsvParser parser, IReadOnlyList<string> header)
    {
        Path = path;
        _parser = parser;
        Header = header;
        for (var i = 0; i < header.Count; i++)
        {
            // The first of two identically named columns wins; none of the readers asks for a duplicated name.
            _columns.TryAdd(header[i], i);
        }
    }

    public string Path { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The file line of the current record (1 is the header).</summary>
    public int Line => _parser.RawRow;

    /// <summary>The current record's fields as parsed, for the one file whose columns cannot be found by header.</summary>
    public IReadOnlyList<string> Fields => _record;

    /// <summary>Opens <paramref name="path"/>, reads its header and checks that every required column is there.</summary>
    public static CsvRecords Open(string path, IEnumerable<string> requiredColumns)
    {
        // detectEncodingFromByteOrderMarks drops the BOM that the HoC candidate file starts with, so the first header is clean.
        var parser = new CsvParser(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), Configuration);
        try
        {
            var header = Read(parser, path) ?? throw new ImportException(path, null, null, "the file is empty; a header row was expected");
            var records = new CsvRecords(path, parser, [.. header.Select(h => h.Trim())]);
            foreach (var column in requiredColumns)
            {
                _ = records.IndexOf(column);
            }

            return records;
        }
        catch
        {
            parser.Dispose();
            throw;
        }
    }

    public bool Read()
    {
        var record = Read(_parser, Path);
        _record = record ?? [];
        return record is not null;
    }

    public int IndexOf(string column) =>
        _columns.TryGetValue(column, out var index)
            ? index
            : throw new ImportException(Path, 1, column, "the header has no such column");

    /// <summary>The field with mis-decoded UTF-8 repaired and surrounding spaces removed (the HoC file has "County ").</summary>
    public string Text(string column) => TextRepair.Mojibake(Raw(IndexOf(column))).Trim();

    public string RequiredText(string column)
    {
        var text = Text(column);
        return text.Length > 0 ? text : throw Error(column, "the value is blank");
    }

    /// <summary>A constituency's GSS code (E14001305); anything else is an error naming the line and column.</summary>
    public string GssCode(string column)
    {
        var code = RequiredText(column);
        return ImportChecks.GssCodeProblem(code) is { } problem ? throw Error(column, problem) : code;
    }

    /// <summary>A count such as votes or an electorate; thousands separators ("37,508") are accepted.</summary>
    public int WholeNumber(string column) => WholeNumber(IndexOf(column), blankIsZero: false);

    /// <summary>As <see cref="WholeNumber(string)"/>, but a blank field counts as 0, as in the notional file's vote columns.</summary>
    public int WholeNumberOrZero(string column) => WholeNumber(IndexOf(column), blankIsZero: true);

    public int WholeNumberOrZero(int index) => WholeNumber(index, blankIsZero: true);

    public double Number(string column) =>
        OptionalNumber(column) ?? throw Error(column, "the value is blank; a number is needed");

    public double? OptionalNumber(string column)
    {
        var raw = Raw(IndexOf(column)).Trim();
        if (raw.Length == 0)
        {
            return null;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(column, $"'{raw}' is not a number");
    }

    public ImportException Error(string column, string problem) => new(Path, Line, column, problem);

    public void Dispose() => _parser.Dispose();

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    private static string[]? Read(CsvParser parser, string path)
    {
        try
        {
            // CsvHelper finds bad quoting only when it builds the fields, so build them all here, inside the catch.
            return parser.Read() ? parser.Record : null;
        }
        catch (BadDataException ex)
        {
            // CsvHelper's own message is advice on how to ignore the problem; say what the problem is instead.
            throw new ImportException(path, ex.Context?.Parser?.RawRow, null, $"the file is not valid CSV: a quote is out of place in '{ex.Field.Trim()}'", ex);
        }
        catch (CsvHelperException ex)
        {
            // The message goes on to dump the parser's whole state; its first line says what is wrong.
            var problem = ex.Message.Split('\n', 2)[0].Trim();
            throw new ImportException(path, ex.Context?.Parser?.RawRow, null, $"the file is not valid CSV: {problem}", ex);
        }
    }

    private int WholeNumber(int index, bool blankIsZero)
    {
        var raw = Raw(index).Trim();
        if (raw.Length == 0)
        {
            return blankIsZero ? 0 : throw Error(Header[index], "the value is blank; a whole number is needed");
        }

        return int.TryParse(raw, CountStyle, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(Header[index], $"'{raw}' is not a whole number");
    }

    private string Raw(int index) =>
        index < _record.Length
            ? _record[index]
            : throw Error(Header[index], $"the row ends after {_record.Length} fields, before this column");
}
