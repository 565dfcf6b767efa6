using System.Diagnostics;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Another network stack's own command-line tool (<c>netplan</c>, <c>nmcli</c>): found on PATH or in the system
/// directories, and run with a time limit so a hung tool cannot hold the host's change lock. Used only where that
/// stack documents no other interface a Native AOT program can use (netplan's rendering; NetworkManager's D-Bus API
/// through its own client).
/// </summary>
internal static class SystemTool
{
    private static readonly string[] SystemDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The full path of <paramref name="name"/> on PATH or in the system directories, or null when it is not installed.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemDirectories).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs <paramref name="program"/> and returns its standard output, and null as the error when it exited with 0,
    /// else one line naming the command and saying why (exit code and its messages, time limit, could not start).
    /// </summary>
    public static (string Output, string? Error) Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var command = $"{Path.GetFileName(program)} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (string.Empty, $"{command} did not finish within {timeout.TotalSeconds:0} seconds");
            }

            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                return (output.Result, null);
            }

            var message = string.Join(" ", (error.Result + output.Result).ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
            return (output.Result, $"{command} exited with {process.ExitCode}: {message}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return (string.Empty, $"{command} could not run: {e.Message}");
        }
    }
}
