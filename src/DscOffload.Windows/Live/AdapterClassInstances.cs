using DscOffload.Windows.Cim;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Live;

/// <summary>
/// The setting-data instances of one adapter, queried at most once per class for the operation that
/// owns this object. Each class query is filtered by the adapter's InterfaceDescription (see
/// <see cref="CimWindowsOffloadPlatform"/> for why), and a class the host lacks is remembered in the
/// platform-wide <c>missingClasses</c> set so it is not queried again.
/// </summary>
internal sealed class AdapterClassInstances(ICimGateway cim, WindowsAdapterInfo adapter, ISet<string> missingClasses)
{
    private static readonly Dictionary<string, object> IncludeHidden = new() { [CimClassNames.IncludeHiddenOption] = true };

    private readonly Dictionary<string, IReadOnlyList<CimRecord>?> results = new(StringComparer.Ordinal);

    /// <summary>The adapter these instances belong to.</summary>
    public WindowsAdapterInfo Adapter => adapter;

    /// <summary>The instances of <paramref name="className"/> for the adapter; null when the host has no such class.</summary>
    public IReadOnlyList<CimRecord>? Get(string className)
    {
        if (results.TryGetValue(className, out var known))
        {
            return known;
        }

        IReadOnlyList<CimRecord>? found = null;
        if (!missingClasses.Contains(className))
        {
            try
            {
                found = cim.Query(CimClassNames.StandardCimv2, className, WqlLiteral.EqualsFilter("InterfaceDescription", adapter.InterfaceDescription), IncludeHidden);
            }
            catch (CimOperationException e) when (e.Failure == CimFailure.ClassMissing)
            {
                missingClasses.Add(className);
            }
            catch (CimOperationException e)
            {
                throw CimFailureTranslator.Translate(e, $"reading {className} of adapter '{adapter.Name}'");
            }
        }

        results[className] = found;
        return found;
    }

    /// <summary>The single instance of a typed setting-data class, or null when the adapter has none.</summary>
    public CimRecord? Single(string className) => Get(className) is [var first, ..] ? first : null;

    /// <summary>The advanced property instance of <paramref name="keyword"/>, or null when the driver does not define it.</summary>
    public CimRecord? AdvancedProperty(string keyword) =>
        Get(CimClassNames.AdvancedProperty)?.FirstOrDefault(r => string.Equals(r.GetString("RegistryKeyword"), keyword, StringComparison.OrdinalIgnoreCase));
}
