using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>The state of a Windows test platform as text, for before/after comparisons.</summary>
public static class PlatformState
{
    /// <summary>Every global setting (absent registry values included) and every adapter's settings and advanced properties.</summary>
    public static string Of(IWindowsOffloadPlatform platform)
    {
        var global = platform.ReadGlobal();
        var lines = new List<string>
        {
            "global: " + string.Join(",", global.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")),
            "tcpip: " + string.Join(",", global.TcpipParameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value?.ToString() ?? "absent"}")),
        };
        foreach (var adapter in platform.ListAdapters())
        {
            var state = platform.ReadAdapter(adapter);
            lines.Add($"{adapter.Name}: " + string.Join(",", state.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
                + " | " + string.Join(",", state.AdvancedProperties.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => $"{kv.Key}={kv.Value}")));
        }

        return string.Join("\n", lines);
    }
}
