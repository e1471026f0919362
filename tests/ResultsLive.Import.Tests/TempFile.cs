using System.Text;

namespace ResultsLive.Import.Tests;

/// <summary>A small file written for one test, with a chosen name so error messages can be checked for it.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _directory;

    public TempFile(string fileName, string content, bool byteOrderMark = false)
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "resultslive-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, fileName);
        File.WriteAllText(Path, content, new UTF8Encoding(byteOrderMark));
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
