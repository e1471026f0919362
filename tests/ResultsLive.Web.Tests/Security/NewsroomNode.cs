using ResultsLive.Web.Tests.Hosting;

namespace ResultsLive.Web.Tests.Security;

/// <summary>One node with the newsroom's users and named keys, shared by a class of tests (each test comes from its own address).</summary>
public sealed class NewsroomNode : IDisposable
{
    public WebNode Node { get; } = WebNode.For2024(Newsroom.Settings());

    public void Dispose() => Node.Dispose();
}
