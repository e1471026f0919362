namespace ResultsLive.Web.Desk;

/// <summary>Checks text an editor types into the desk before it is stored or shown to others.</summary>
public static class DeskInput
{
    public const int MaxLength = 100;

    /// <summary>A watch-list item trimmed, or null when it is empty, too long, or has control characters.</summary>
    public static string? WatchItem(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }
}
