using System.Diagnostics;

namespace DscOffload.Linux.Persistence;

/// <summary>
/// Runs <c>netplan generate</c>, which renders the netplan files into the back ends' configuration under <c>/run</c>
/// (networkd <c>.link</c> and <c>.network</c> files, NetworkManager keyfiles, udev rules) without applying it: the same
/// step netplan runs at every boot as a systemd generator. Running it right after our file changed keeps what is in
/// <c>/run</c> consistent with the YAML until the next boot. <c>netplan apply</c> is deliberately not run: it restarts
/// or reconfigures every interface netplan manages, while the kernel state was already set through ethtool.
/// </summary>
/// <param name="Program">The netplan executable.</param>
internal sealed record NetplanGenerator(string Program)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] UsualPlaces = ["/usr/sbin/netplan", "/sbin/netplan", "/usr/bin/netplan"];

    /// <summary>netplan from its usual places or PATH, or null when it is not installed.</summary>
    public static NetplanGenerator? Find()
    {
        var candidates = UsualPlaces.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "netplan")));
        return candidates.FirstOrDefault(File.Exists) is { } program ? new NetplanGenerator(program) : null;
    }

    /// <summary>
    /// Runs <c>netplan generate</c> for the files below <paramref name="root"/> (<c>--root-dir</c> unless it is <c>/</c>).
    /// Returns null on success, else one line saying why it failed.
    /// </summary>
    public string? Generate(string root)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("generate");
        if (Path.GetFullPath(root) != "/")
        {
            start.ArgumentList.Add("--root-dir");
            start.ArgumentList.Add(root);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"{Program} generate did not finish within {Timeout.TotalSeconds:0} seconds";
            }

            var message = string.Join(" ", (error.Result + output.Result).ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
            return process.ExitCode == 0 ? null : $"{Program} generate exited with {process.ExitCode}: {message}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return $"{Program} generate could not run: {e.Message}";
        }
    }
}
