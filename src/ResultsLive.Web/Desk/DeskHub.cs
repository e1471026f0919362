using Microsoft.AspNetCore.SignalR;

using ResultsLive.Web.Configuration;

namespace ResultsLive.Web.Desk;

/// <summary>What <see cref="DeskHub"/> pushes to editors' clients.</summary>
public interface IDeskClient
{
    /// <summary>A claim, release, take-over, posted or copied mark, or watch-list edit, made on any node.</summary>
    Task DeskChanged(DeskNotice notice);

    /// <summary>A notable or watched declaration; <c>reasons</c> include <c>watched</c> for the newsroom's own list.</summary>
    Task Alert(AlertDto alert);
}

/// <summary>
/// The editors' hub at <c>/hubs/desk</c>: claims, posted marks and the watch list for desk clients other than the page, and
/// pushes of every desk change and alert. Claims go through the same <see cref="IDeskStore"/> as the page.
/// </summary>
public sealed class DeskHub(IDeskStore desk, ElectionContext election, DeskAudit audit) : Hub<IDeskClient>
{
    public const string Path = "/hubs/desk";

    public const string EditorsGroup = "editors";

    public override async Task OnConnectedAsync()
    {
        if (Editor is null)
        {
            throw new HubException("sign in as an editor to use the desk");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, EditorsGroup).ConfigureAwait(false);
        await base.OnConnectedAsync().ConfigureAwait(false);
    }

    public DeskState GetState() => desk.Current;

    public async Task<ClaimOutcome> Claim(string constituency, bool takeOver)
    {
        var (editor, code) = Check(constituency);
        var outcome = await desk.ClaimAsync(code, editor, takeOver, Context.ConnectionAborted).ConfigureAwait(false);
        if (outcome.Granted)
        {
            await audit.RecordAsync(Context.User, takeOver ? DeskAudit.TakeOver : DeskAudit.Claim, code, null).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<bool> Release(string constituency)
    {
        var (editor, code) = Check(constituency);
        var released = await desk.ReleaseAsync(code, editor, Context.ConnectionAborted).ConfigureAwait(false);
        if (released)
        {
            await audit.RecordAsync(Context.User, DeskAudit.Release, code, null).ConfigureAwait(false);
        }

        return released;
    }

    public async Task MarkPosted(string constituency, int revision)
    {
        var (editor, code) = Check(constituency);
        await desk.MarkPostedAsync(code, revision, editor, Context.ConnectionAborted).ConfigureAwait(false);
        await audit.RecordAsync(Context.User, DeskAudit.Posted, code, $"revision {revision}").ConfigureAwait(false);
    }

    public async Task<bool> Watch(string item)
    {
        var editor = Editor ?? throw new HubException("sign in as an editor to use the desk");
        var clean = DeskInput.WatchItem(item) ?? throw new HubException($"item: must be 1 to {DeskInput.MaxLength} characters on one line");
        var added = await desk.WatchAsync(clean, editor, Context.ConnectionAborted).ConfigureAwait(false);
        await audit.RecordAsync(Context.User, DeskAudit.Watch, clean, null).ConfigureAwait(false);
        return added;
    }

    public async Task<bool> Unwatch(string item)
    {
        var editor = Editor ?? throw new HubException("sign in as an editor to use the desk");
        var clean = DeskInput.WatchItem(item) ?? throw new HubException($"item: must be 1 to {DeskInput.MaxLength} characters on one line");
        var removed = await desk.UnwatchAsync(clean, editor, Context.ConnectionAborted).ConfigureAwait(false);
        await audit.RecordAsync(Context.User, DeskAudit.Unwatch, clean, null).ConfigureAwait(false);
        return removed;
    }

    private string? Editor => DeskAccess.EditorName(Context.User);

    private (string Editor, string Code) Check(string constituency)
    {
        var editor = Editor ?? throw new HubException("sign in as an editor to use the desk");
        var seat = election.Election.FindConstituency(constituency ?? "") ?? throw new HubException($"constituency: '{constituency}' is not a constituency of {election.Election.Name}");
        return (editor, seat.Code);
    }
}
