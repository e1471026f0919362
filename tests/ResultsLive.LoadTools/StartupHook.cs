using System.Globalization;
using System.Runtime.InteropServices;

#pragma warning disable CA1050 // The runtime finds a startup hook by this exact name, outside any namespace.

/// <summary>
/// Loaded into the web node only by the load tool (DOTNET_STARTUP_HOOKS), never by the app itself: on SIGUSR1 it forces
/// full compacting garbage collections and writes the managed heap's size, its large-object heap's and the working set to
/// RESULTSLIVE_MEMORY_REPORT. The production
/// app has no diagnostics endpoint for this.
/// </summary>
internal static class StartupHook
{
    private const int SigUsr1 = 10;

    private static PosixSignalRegistration? s_registration;

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("RESULTSLIVE_MEMORY_REPORT") is not { Length: > 0 } report)
        {
            return;
        }

        s_registration = PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
        {
            context.Cancel = true;
            ThreadPool.QueueUserWorkItem(_ => Measure(report));
        });
    }

    private static void Measure(string report)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var largeObjects = info.GenerationInfo[3].SizeAfterBytes;
        var line = string.Create(CultureInfo.InvariantCulture, $"{managed} {largeObjects} {Environment.WorkingSet}");
        File.WriteAllText(report + ".tmp", line);
        File.Move(report + ".tmp", report, overwrite: true);
    }
}
