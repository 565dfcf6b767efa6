using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Registry;

/// <summary>
/// The NDIS keywords of network adapters, read and written in the drivers' software keys under
/// <c>HKLM\SYSTEM\CurrentControlSet\Control\Class\{4d36e972-e325-11ce-bfc1-08002be10318}\NNNN</c>.
/// This is the fallback for hosts without the <c>MSFT_NetAdapter*SettingData</c> classes (Server
/// 2008 / 2008 R2); the classes themselves are views of the same keywords.
/// </summary>
/// <remarks>
/// The driver key of an adapter is the <c>NNNN</c> subkey whose <c>NetCfgInstanceId</c> equals the
/// adapter's interface GUID (matching on the number is only a convention). The keywords of a driver
/// are those it declares under <c>Ndi\params</c> (what the Advanced page shows) plus any standardized
/// <c>*</c> keyword stored directly in the key; the other values there (DriverDesc, InfPath, …) are
/// driver metadata, not settings, and are not reported.
/// </remarks>
internal sealed class NdisKeywordStore(IRegistryGateway registry)
{
    /// <summary>The network adapter device class key.</summary>
    public const string NetworkClassKey = @"SYSTEM\CurrentControlSet\Control\Class\{4d36e972-e325-11ce-bfc1-08002be10318}";

    private static readonly string[] NumericTypes = ["int", "long", "word", "dword"];

    /// <summary>The full path of the adapter's driver key, or null when no driver key carries its GUID.</summary>
    public string? FindDriverKey(string interfaceGuid)
    {
        var wanted = interfaceGuid.Trim().Trim('{', '}');
        foreach (var subkey in registry.SubkeyNames(NetworkClassKey))
        {
            if (subkey.Length != 4 || !subkey.All(char.IsAsciiDigit))
            {
                continue;
            }

            var path = $@"{NetworkClassKey}\{subkey}";
            var id = registry.Read(path, "NetCfgInstanceId")?.Text.Trim().Trim('{', '}');
            if (string.Equals(id, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Every keyword of the driver key, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, NdisKeyword> ReadKeywords(string driverKey)
    {
        var keywords = new Dictionary<string, NdisKeyword>(StringComparer.OrdinalIgnoreCase);
        var paramsKey = $@"{driverKey}\Ndi\params";
        foreach (var name in registry.SubkeyNames(paramsKey))
        {
            var metadataKey = $@"{paramsKey}\{name}";
            var stored = registry.Read(driverKey, name);
            var value = stored?.Text ?? registry.Read(metadataKey, "Default")?.Text;
            if (value is null)
            {
                continue;
            }

            var type = registry.Read(metadataKey, "type")?.Text;
            var numeric = type is not null && NumericTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
            keywords[name] = new NdisKeyword(
                name,
                value,
                registry.ValueNames($@"{metadataKey}\enum"),
                numeric ? ParseLong(registry.Read(metadataKey, "min")?.Text) : null,
                numeric ? ParseLong(registry.Read(metadataKey, "max")?.Text) : null,
                stored?.Kind,
                numeric ? ParseLong(registry.Read(metadataKey, "step")?.Text) : null);
        }

        foreach (var name in registry.ValueNames(driverKey))
        {
            if (name.StartsWith('*') && !keywords.ContainsKey(name) && registry.Read(driverKey, name) is { } stored)
            {
                keywords[name] = new NdisKeyword(name, stored.Text, [], null, null, stored.Kind);
            }
        }

        return keywords;
    }

    /// <summary>
    /// Writes a keyword the driver defines, after checking the value against the driver's list or
    /// range. A keyword stored as REG_DWORD stays REG_DWORD; everything else is written as REG_SZ,
    /// the form the Advanced page uses.
    /// </summary>
    /// <exception cref="DscOffloadException"><c>NotSupported</c> for an undefined keyword or a value
    /// the driver does not accept (listing what it accepts); <c>ElevationRequired</c> without rights.</exception>
    public void Write(string driverKey, string adapterName, IReadOnlyDictionary<string, NdisKeyword> keywords, string keyword, string value)
    {
        var defined = Require(adapterName, keywords, keyword);
        Validate(adapterName, defined, value);
        if (defined.StoredKind == RegistryDataKind.DWord && uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            registry.WriteDWord(driverKey, defined.Name, number);
        }
        else
        {
            registry.WriteString(driverKey, defined.Name, value);
        }
    }

    /// <summary>The keyword, or a <c>NotSupported</c> error when the driver does not define it.</summary>
    public static NdisKeyword Require(string adapterName, IReadOnlyDictionary<string, NdisKeyword> keywords, string keyword) =>
        keywords.TryGetValue(keyword, out var defined)
            ? defined
            : throw new DscOffloadException(ErrorKind.NotSupported, $"adapter '{adapterName}' has no advanced property '{keyword}': its driver does not define it, and keywords cannot be created");

    /// <summary>Checks <paramref name="value"/> against the keyword's valid values and range.</summary>
    public static void Validate(string adapterName, NdisKeyword keyword, string value)
    {
        if (keyword.ValidValues.Count > 0 && !keyword.ValidValues.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw new DscOffloadException(ErrorKind.NotSupported, $"'{value}' is not a valid value of '{keyword.Name}' on adapter '{adapterName}'; valid values: {string.Join(", ", keyword.ValidValues)}");
        }

        if (NumericKeywordRange.FromParams(keyword.Minimum, keyword.Maximum, keyword.Step) is { } range)
        {
            range.Check(adapterName, keyword.Name, value);
        }
        else if (keyword.Minimum is not null || keyword.Maximum is not null)
        {
            var number = ParseLong(value);
            if (number is null || number < keyword.Minimum || number > keyword.Maximum)
            {
                throw new DscOffloadException(ErrorKind.NotSupported, $"'{value}' is not a valid value of '{keyword.Name}' on adapter '{adapterName}'; valid values: {keyword.Minimum}..{keyword.Maximum}");
            }
        }
    }

    private static long? ParseLong(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
