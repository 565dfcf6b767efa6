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

    /// <summary>netplan on PATH or in the system directories, or null when it is not installed.</summary>
    public static NetplanGenerator? Find() => SystemTool.Find("netplan") is { } program ? new NetplanGenerator(program) : null;

    /// <summary>
    /// Runs <c>netplan generate</c> for the files below <paramref name="root"/> (<c>--root-dir</c> unless it is <c>/</c>).
    /// Returns null on success, else one line saying why it failed.
    /// </summary>
    public string? Generate(string root) =>
        SystemTool.Run(Program, Path.GetFullPath(root) == "/" ? ["generate"] : ["generate", "--root-dir", root], Timeout).Error;
}
