using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Registry;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>
/// An in-memory HKLM with the gateway's documented behaviour: missing keys and values read as
/// null/empty, writes go only to existing keys, writes without elevation fail with
/// <c>ElevationRequired</c>, and keys marked unreadable (like the protected <c>Properties</c> key of
/// the network class) read as missing. Paths and names are case-insensitive, as in the registry.
/// </summary>
internal sealed class FakeRegistry : IRegistryGateway
{
    private readonly Dictionary<string, Dictionary<string, RegistryValueData>> keys = new(StringComparer.OrdinalIgnoreCase);
    private int writeCalls;
    private int? failingWrite;

    /// <summary>False makes every write fail with <c>ElevationRequired</c>.</summary>
    public bool Elevated { get; set; } = true;

    /// <summary>Keys whose reads behave as if the key were missing (access denied on open).</summary>
    public HashSet<string> UnreadableKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every accepted write or delete, as <c>key\value = data</c> or <c>key\value deleted</c>.</summary>
    public List<string> Writes { get; } = [];

    /// <summary>Creates a key and its parents.</summary>
    public void CreateKey(string keyPath)
    {
        var path = Normalize(keyPath);
        while (path.Length > 0)
        {
            keys.TryAdd(path, new Dictionary<string, RegistryValueData>(StringComparer.OrdinalIgnoreCase));
            var cut = path.LastIndexOf('\\');
            path = cut < 0 ? "" : path[..cut];
        }
    }

    /// <summary>Sets a value (creating the key).</summary>
    public void Set(string keyPath, string valueName, RegistryValueData data)
    {
        CreateKey(keyPath);
        keys[Normalize(keyPath)][valueName] = data;
    }

    /// <summary>True when the key exists.</summary>
    public bool KeyExists(string keyPath) => keys.ContainsKey(Normalize(keyPath));

    /// <summary>Makes the <paramref name="number"/>th write (1-based, counting from now) fail with an unexpected I/O error.</summary>
    public void FailWrite(int number) => failingWrite = writeCalls + number;

    /// <inheritdoc/>
    public IReadOnlyList<string> SubkeyNames(string keyPath)
    {
        var path = Normalize(keyPath);
        if (!Readable(path))
        {
            return [];
        }

        var prefix = path + "\\";
        return keys.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && k.IndexOf('\\', prefix.Length) < 0)
            .Select(k => k[prefix.Length..])
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ValueNames(string keyPath)
    {
        var path = Normalize(keyPath);
        return Readable(path) ? keys[path].Keys.ToList() : [];
    }

    /// <inheritdoc/>
    public RegistryValueData? Read(string keyPath, string valueName)
    {
        var path = Normalize(keyPath);
        return Readable(path) ? keys[path].GetValueOrDefault(valueName) : null;
    }

    /// <inheritdoc/>
    public void WriteDWord(string keyPath, string valueName, uint value) => Write(keyPath, valueName, RegistryValueData.DWord(value));

    /// <inheritdoc/>
    public void WriteString(string keyPath, string valueName, string value) => Write(keyPath, valueName, RegistryValueData.String(value));

    /// <inheritdoc/>
    public void DeleteValue(string keyPath, string valueName) => Write(keyPath, valueName, null);

    private void Write(string keyPath, string valueName, RegistryValueData? data)
    {
        writeCalls++;
        var path = Normalize(keyPath);
        if (!Elevated)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired, $"changing HKLM\\{path}\\{valueName} needs an elevated (administrator) process");
        }

        if (writeCalls == failingWrite)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"changing HKLM\\{path}\\{valueName} failed: injected failure of write #{writeCalls}");
        }

        if (!keys.TryGetValue(path, out var values))
        {
            throw new DscOffloadException(ErrorKind.NotSupported, $"registry key HKLM\\{path} does not exist, so '{valueName}' cannot be written");
        }

        if (data is null)
        {
            values.Remove(valueName);
            Writes.Add($"{path}\\{valueName} deleted");
        }
        else
        {
            values[valueName] = data;
            Writes.Add($"{path}\\{valueName} = {data}");
        }
    }

    private bool Readable(string path) => keys.ContainsKey(path) && !UnreadableKeys.Contains(path);

    private static string Normalize(string keyPath) => keyPath.Trim('\\');
}
