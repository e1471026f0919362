namespace ResultsLive.Web.Desk;

/// <summary>The editor at this desk (one per circuit): named once, from the request that opened the circuit.</summary>
public sealed class DeskEditor(IHttpContextAccessor accessor)
{
    private readonly Lazy<string?> _name = new(() => accessor.HttpContext is { } context ? DeskAccess.EditorName(context.User, context.Request.Cookies) : null);

    public string? Name => _name.Value;
}
