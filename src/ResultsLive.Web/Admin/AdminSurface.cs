using ResultsLive.Web.Shared;

namespace ResultsLive.Web.Admin;

/// <summary>The results desk admins' surface: its routes, navigation and page titles.</summary>
public static class AdminSurface
{
    public const string Home = "/admin";

    public const string Users = "/admin/users";

    public const string Audit = "/admin/audit";

    public static IReadOnlyList<SurfaceLink> Navigation { get; } =
    [
        new("Admin", "admin"),
        new("Users", "admin/users"),
        new("Audit trail", "admin/audit"),
    ];

    public static string Title(params string[] parts) => Public.PublicSurface.Title([.. parts, "Admin"]);
}
