using ResultsLive.Web.Shared;

namespace ResultsLive.Web.Admin;

/// <summary>The results desk admins' surface: its routes, navigation and page titles.</summary>
public static class AdminSurface
{
    public const string Home = "/admin";

    public const string Users = "/admin/users";

    public const string Audit = "/admin/audit";

    /// <summary>Manual entry: a seat's result or status by hand.</summary>
    public const string Declare = "/admin/declare";

    /// <summary>Manual entry with the seat chosen.</summary>
    public const string DeclareSeat = "/admin/declare/{Code}";

    public const string ExitPoll = "/admin/exit-poll";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } =
    [
        new("Admin", "admin"),
        new("Declare", "admin/declare", SurfaceLinkMatch.Prefix),
        new("Exit poll", "admin/exit-poll"),
        new("Users", "admin/users"),
        new("Audit trail", "admin/audit"),
    ];

    /// <summary>Manual entry for one seat, relative to the site's base.</summary>
    public static string DeclareUrl(string code) => "admin/declare/" + Uri.EscapeDataString(code);

    public static string Title(params string[] parts) => Public.PublicSurface.Title([.. parts, "Admin"]);
}
