using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Registry;

/// <summary>
/// The driver key and NDIS keywords of one adapter, located and read at most once for the operation
/// that owns this object.
/// </summary>
internal sealed class AdapterDriverKeywords(NdisKeywordStore store, WindowsAdapterInfo adapter)
{
    private string? path;
    private IReadOnlyDictionary<string, NdisKeyword>? keywords;

    /// <summary>The driver key path.</summary>
    /// <exception cref="DscOffloadException"><c>NoMatch</c> when no driver key carries the adapter's GUID.</exception>
    public string Path => path ??= store.FindDriverKey(adapter.InterfaceGuid)
        ?? throw new DscOffloadException(ErrorKind.NoMatch, $"adapter '{adapter.Name}' ({adapter.InterfaceGuid}) has no driver key under HKLM\\{NdisKeywordStore.NetworkClassKey}; it may have been removed");

    /// <summary>The keywords the driver defines.</summary>
    public IReadOnlyDictionary<string, NdisKeyword> Keywords => keywords ??= store.ReadKeywords(Path);

    /// <summary>Writes one keyword (validated against what the driver accepts).</summary>
    public void Write(string keyword, string value) => store.Write(Path, adapter.Name, Keywords, keyword, value);
}
