using System.Diagnostics;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// A private network namespace with a veth pair <c>v0</c>/<c>v1</c> (2 queues) and a 4-queue pair <c>m0</c>/<c>m1</c>,
/// deleted on dispose; the process-level safety tests change offloads only in here, and cross-check them with
/// <c>ethtool</c>. Does nothing when privileged tests do not run.
/// </summary>
public sealed class VethNamespace : IDisposable
{
    public const string RequireVariable = "DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS";

    private string? _initial;

    public VethNamespace()
    {
        Name = "dscoffload-s-" + Guid.NewGuid().ToString("N")[..8];
        if (!CanRun)
        {
            return;
        }

        Run("ip", "netns", "add", Name);
        IsCreated = true;
        Run("ip", "-n", Name, "link", "add", "v0", "numtxqueues", "2", "numrxqueues", "2", "type", "veth", "peer", "name", "v1", "numtxqueues", "2", "numrxqueues", "2");
        Run("ip", "-n", Name, "link", "add", "m0", "numtxqueues", "4", "numrxqueues", "4", "type", "veth", "peer", "name", "m1", "numtxqueues", "4", "numrxqueues", "4");
    }

    public static bool IsPrivileged => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && Find("ip") is not null && Find("ethtool") is not null;

    public static bool CanRun => IsPrivileged || Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string SkipReason =>
        $"needs root on Linux with ip and ethtool to create a network namespace with veth pairs (set {RequireVariable}=1 to fail instead of skip)";

    public string Name { get; }

    /// <summary>The state right after creation (kernel defaults), read once.</summary>
    public string InitialState => _initial ??= State();

    public bool IsCreated { get; }

    /// <summary><c>ethtool -k</c> of <paramref name="device"/>: every feature with its state, [fixed] and [requested] marks.</summary>
    public string Features(string device) => Run("ip", "netns", "exec", Name, Find("ethtool")!, "-k", device);

    /// <summary><c>ethtool -l</c> of <paramref name="device"/>.</summary>
    public string Channels(string device) => Run("ip", "netns", "exec", Name, Find("ethtool")!, "-l", device);

    /// <summary>Features and channels of every veth end, for before/after comparisons.</summary>
    public string State() => string.Join("\n", ((string[])["v0", "v1", "m0", "m1"]).Select(d => $"== {d}\n{Features(d)}{Channels(d)}"));

    public void Dispose()
    {
        if (IsCreated)
        {
            Run("ip", "netns", "del", Name);
        }
    }

    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(Find(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(start)!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {error.Result}");
    }
}
