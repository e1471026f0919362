namespace ResultsLive.Web.Tests.Shared;

/// <summary>Waits for state that changes without a render (a subscription starting or ending), which bUnit's WaitForState cannot see.</summary>
public static class Poll
{
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            Thread.Sleep(5);
        }
    }
}
