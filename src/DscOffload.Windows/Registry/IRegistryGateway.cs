namespace DscOffload.Windows.Registry;

/// <summary>
/// The narrow slice of the registry the offload platform needs, all under <c>HKEY_LOCAL_MACHINE</c>:
/// read values, write REG_DWORD and REG_SZ, delete values, enumerate subkeys and values. Key paths
/// are relative to HKLM with backslashes, e.g. <c>SYSTEM\CurrentControlSet\Services\Tcpip\Parameters</c>.
/// </summary>
/// <remarks>
/// Reads of a missing key or value return null or an empty list; they never throw. Writes go to
/// existing keys only (the platform never creates keys: a missing key means a missing adapter or
/// service). Access denied is a <see cref="Core.Diagnostics.DscOffloadException"/> of kind
/// <c>ElevationRequired</c> naming the key; a key that cannot be opened for reading (for example the
/// protected <c>Properties</c> subkey of the network class key) reads as missing.
/// </remarks>
internal interface IRegistryGateway
{
    /// <summary>The names of the subkeys of <paramref name="keyPath"/>; empty when the key is missing.</summary>
    IReadOnlyList<string> SubkeyNames(string keyPath);

    /// <summary>The names of the values of <paramref name="keyPath"/>; empty when the key is missing.</summary>
    IReadOnlyList<string> ValueNames(string keyPath);

    /// <summary>One value, or null when the key or the value is missing.</summary>
    RegistryValueData? Read(string keyPath, string valueName);

    /// <summary>Writes a REG_DWORD into an existing key (replacing any value of another type).</summary>
    void WriteDWord(string keyPath, string valueName, uint value);

    /// <summary>Writes a REG_SZ into an existing key (replacing any value of another type).</summary>
    void WriteString(string keyPath, string valueName, string value);

    /// <summary>Deletes a value; nothing happens when it is already missing.</summary>
    void DeleteValue(string keyPath, string valueName);
}
