using System.Diagnostics;
using DscOffload.Tests.Privileged;

namespace DscOffload.Linux.Tests.Privileged;

/// <summary>
/// A NetworkManager of the test's own: a private dbus-daemon (a system-bus configuration written here, its socket in a
/// temporary directory), and NetworkManager inside a test network namespace and a private mount namespace (tmpfs over
/// <c>/run</c> and <c>/var/lib/NetworkManager</c>, <c>/sys</c> read-only so that it does not wait for udev), with its
/// own configuration, state file and keyfile directory, managing only the veth end <see cref="Interface"/>. Nothing of
/// the machine's NetworkManager, bus or network configuration is touched. Disposing stops both processes (by their own
/// ids) and deletes the namespace and the directory, also when start-up failed part-way.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateNetworkManager : IDisposable
{
    private readonly TestNetworkNamespace _namespace;
    private readonly Process? _bus;
    private readonly Process? _networkManager;

    /// <summary>Starts everything and waits until NetworkManager has activated a profile on <paramref name="interfaceName"/>.</summary>
    /// <param name="interfaceName">The veth end NetworkManager manages (its peer stays unmanaged).</param>
    /// <param name="profiles">File name → keyfile text, written (mode 0600) before NetworkManager starts.</param>
    public PrivateNetworkManager(string interfaceName, IReadOnlyDictionary<string, string> profiles)
    {
        Interface = interfaceName;
        Root = Directory.CreateTempSubdirectory("dscoffload-nm-live-").FullName;
        _namespace = TestNetworkNamespace.Create("dscoffload-nm-", create: true);
        try
        {
            _namespace.AddVethPair(interfaceName, interfaceName + "p", queues: 0);
            _namespace.Ip("link", "set", interfaceName + "p", "up");
            Directory.CreateDirectory(Connections);
            foreach (var (name, text) in profiles)
            {
                var path = Path.Combine(Connections, name);
                File.WriteAllText(path, text);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            BusAddress = $"unix:path={Path.Combine(Root, "bus")}";
            File.WriteAllText(Path.Combine(Root, "bus.conf"), $"""
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>system</type>
                  <listen>{BusAddress}</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow user="root"/>
                    <allow own="*"/>
                    <allow send_destination="*"/>
                    <allow receive_sender="*"/>
                  </policy>
                </busconfig>
                """);
            File.WriteAllText(Path.Combine(Root, "NetworkManager.conf"), $"""
                [main]
                plugins=keyfile
                auth-polkit=false
                dns=none
                rc-manager=unmanaged
                [keyfile]
                path={Connections}
                unmanaged-devices=except:interface-name:{interfaceName}
                """);
            _bus = Start("dbus-daemon", $"--config-file={Path.Combine(Root, "bus.conf")}", "--nofork", "--print-address");
            _ = _bus.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"dbus-daemon did not start: {_bus.StandardError.ReadToEnd()}");
            _bus.BeginErrorReadLine();
            var script = "mount -t tmpfs tmpfs /run && mkdir -p /var/lib/NetworkManager && mount -t tmpfs tmpfs /var/lib/NetworkManager " +
                "&& mount -o remount,ro /sys && exec \"$0\" --no-daemon " +
                $"--config={Path.Combine(Root, "NetworkManager.conf")} --config-dir={Path.Combine(Root, "conf.d")} --state-file={Path.Combine(Root, "NetworkManager.state")}";
            _networkManager = Start("ip", "netns", "exec", _namespace.Name, ExternalProgram.Find("unshare") ?? "unshare", "-m", "sh", "-c", script,
                ExternalProgram.Find("NetworkManager") ?? "NetworkManager");
            _networkManager.OutputDataReceived += (_, e) => Log.Add(e.Data);
            _networkManager.ErrorDataReceived += (_, e) => Log.Add(e.Data);
            _networkManager.BeginOutputReadLine();
            _networkManager.BeginErrorReadLine();
            WaitUntil(() => DeviceState().StartsWith("100", StringComparison.Ordinal), $"NetworkManager did not activate a profile on {interfaceName}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>What NetworkManager wrote on its standard streams (read so that it never blocks on a full pipe).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string?> Log { get; } = [];

    /// <summary>The managed interface.</summary>
    public string Interface { get; }

    /// <summary>The root the keyfiles are below, as the backend is given it.</summary>
    public string Root { get; }

    /// <summary>NetworkManager's keyfile directory (<c>etc/NetworkManager/system-connections</c> below <see cref="Root"/>).</summary>
    public string Connections => Path.Combine(Root, "etc/NetworkManager/system-connections");

    /// <summary>The private system bus.</summary>
    public string BusAddress { get; } = string.Empty;

    /// <summary>The network namespace the interface is in.</summary>
    public string NamespaceName => _namespace.Name;

    /// <summary>Runs <c>nmcli</c> on the private bus and returns its output.</summary>
    public string Nmcli(params string[] arguments)
    {
        using var process = Start("nmcli", ["--wait", "30", .. arguments]);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"nmcli {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.GetAwaiter().GetResult().Trim()}");
    }

    /// <summary>Runs a program (<c>ethtool</c>) inside the namespace.</summary>
    public string Exec(string program, params string[] arguments) => _namespace.Exec(program, arguments);

    /// <summary>The device's state as NetworkManager reports it (<c>100 (connected)</c> once a profile is active).</summary>
    public string DeviceState() => Nmcli("-g", "GENERAL.STATE", "device", "show", Interface).Trim();

    public void Dispose()
    {
        Stop(_networkManager);
        Stop(_bus);
        _namespace.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private static void WaitUntil(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // Not up yet: nmcli cannot reach NetworkManager until it owns its bus name.
            }

            Thread.Sleep(200);
        }

        throw new InvalidOperationException(failure);
    }

    private Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExternalProgram.Find(program) ?? program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = BusAddress;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
    }

    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
