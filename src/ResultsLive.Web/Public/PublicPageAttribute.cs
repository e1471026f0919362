namespace ResultsLive.Web.Public;

/// <summary>
/// Marks a page served to the public without a circuit: App loads public.js for it instead of Blazor's script, and the
/// page's response may be cached, because it carries nothing specific to a reader.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicPageAttribute : Attribute;
