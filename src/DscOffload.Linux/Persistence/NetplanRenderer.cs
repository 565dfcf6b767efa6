namespace DscOffload.Linux.Persistence;

/// <summary>
/// The <c>renderer:</c> key that decides which backend netplan renders a definition for: the definition's own, else the
/// one of its device type (<c>network: ethernets: renderer:</c>), else the global <c>network: renderer:</c>; in each
/// place the last file netplan reads wins.
/// </summary>
/// <param name="Value">The backend, <c>networkd</c> or <c>NetworkManager</c>.</param>
/// <param name="Path">The file of the key.</param>
/// <param name="Line">The 1-based line of the key.</param>
internal sealed record NetplanRenderer(string Value, string Path, int Line)
{
    /// <summary>netplan's name of the NetworkManager backend.</summary>
    public const string NetworkManager = "NetworkManager";

    /// <summary>True when netplan renders the definition for NetworkManager.</summary>
    public bool IsNetworkManager => Value == NetworkManager;

    /// <summary><c>renderer: value (file:line)</c>.</summary>
    public override string ToString() => $"renderer: {Value} ({Path}:{Line})";
}
