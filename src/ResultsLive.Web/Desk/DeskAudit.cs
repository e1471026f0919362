namespace ResultsLive.Web.Desk;

/// <summary>
/// Where the desk's privileged acts (claim, take-over, release, posted, watch-list edits) are recorded: the newsroom's audit
/// trail once it exists; until then the node's log, with the same who, what and which seat.
/// </summary>
public sealed partial class DeskAudit(ILogger<DeskAudit> logger)
{
    public Task RecordAsync(string editor, string action, string target, string? detail)
    {
        LogAct(editor, action, target, detail ?? "");
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Desk: {Editor} {Action} {Target} {Detail}")]
    private partial void LogAct(string editor, string action, string target, string detail);
}
