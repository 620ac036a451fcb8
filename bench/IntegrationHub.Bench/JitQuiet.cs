using System.Diagnostics;
using System.Runtime;

namespace IntegrationHub.Bench;

/// <summary>
/// Waits for the JIT to go quiet before a timed window. Methods made hot by the set-up (filling a
/// backlog) are recompiled at tier 1 on a background thread for a second or two afterwards; without
/// this wait that compilation lands in the window of whichever engine was filled last, not in the
/// cost of what the window measures. Both drains wait the same way.
/// </summary>
internal static class JitQuiet
{
    public static async Task WaitAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        var compiled = JitInfo.GetCompiledMethodCount();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(250);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }
}
