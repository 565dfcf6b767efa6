using System.Diagnostics;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Safety;

namespace DscOffload.Core.Tests.Safety;

public class HostChangeLockTests : IDisposable
{
    private readonly TemporaryStateDirectory _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void Acquire_WhileHeld_FailsAtOnceWithBusyNamingTheHolder()
    {
        using var first = HostChangeLock.Acquire(_state.Root, "config set --file a.yaml");
        var clock = Stopwatch.StartNew();

        var act = () => HostChangeLock.Acquire(_state.Root, "config set --file b.yaml");

        act.Should().Throw<DscOffloadException>().Where(e =>
            e.Kind == ErrorKind.Busy
            && e.Message.Contains($"pid {Environment.ProcessId}: config set --file a.yaml")
            && e.Message.Contains("nothing was changed"));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the loser does not wait");
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        HostChangeLock.Acquire(_state.Root, "first").Dispose();

        using var second = HostChangeLock.Acquire(_state.Root, "second");

        File.ReadAllText(second.Path + ".owner").Should().Contain("second");
    }

    [Fact]
    public void Acquire_IsRefusedWhileAnotherProcessHoldsTheLockAndGrantedOnceItIsKilled()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/flock"))
        {
            return; // The cross-check uses util-linux flock(1), which takes the same kernel lock.
        }

        Directory.CreateDirectory(_state.Root);
        var path = Path.Combine(_state.Root, "change.lock");
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["--exclusive", "--close", path, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            WaitUntilHeld(path);
            var act = () => HostChangeLock.Acquire(_state.Root, "config set --file b.yaml");
            act.Should().Throw<DscOffloadException>().Where(e => e.Kind == ErrorKind.Busy);

            // SIGKILL: the kernel drops the lock when the process is gone; the lock file stays behind and must not block.
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
            File.Exists(path).Should().BeTrue();
            WaitUntilFree();
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    private void WaitUntilFree()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                HostChangeLock.Acquire(_state.Root, "after kill").Dispose();
                return;
            }
            catch (DscOffloadException e) when (e.Kind == ErrorKind.Busy && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.Sleep(20);
            }
        }
    }

    private void WaitUntilHeld(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                HostChangeLock.Acquire(_state.Root, "probe").Dispose();
            }
            catch (DscOffloadException e) when (e.Kind == ErrorKind.Busy)
            {
                return;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"flock(1) did not take {path}");
    }
}
