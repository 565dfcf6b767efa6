using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Settings;

namespace DscOffload.Windows.Live;

/// <summary>
/// Converts adapter setting values between the vocabulary (<see cref="bool"/> or an enum name), CIM
/// property values and NDIS keyword text.
/// </summary>
internal static class AdapterSettingCodec
{
    /// <summary>The vocabulary value of a CIM property, or null when it is NULL or out of range.</summary>
    public static object? FromCim(AdapterOffloadSetting source, CimValue? value) => source.Kind switch
    {
        AdapterSettingKind.ChecksumDirection => OffloadValueNames.NameOf(OffloadValueNames.ChecksumDirection, value?.AsNumber()),
        _ => value?.AsBoolean(),
    };

    /// <summary>The CIM property value for a vocabulary value (already validated).</summary>
    public static object ToCim(AdapterOffloadSetting source, object value) => source.Kind switch
    {
        AdapterSettingKind.ChecksumDirection => (uint)OffloadValueNames.IndexOf(OffloadValueNames.ChecksumDirection, (string)value)!.Value,
        _ => (bool)value,
    };

    /// <summary>The vocabulary value of NDIS keyword text, or null when the text is not a known value.</summary>
    public static object? FromNdis(AdapterOffloadSetting source, string text)
    {
        if (!uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return source.Kind switch
        {
            AdapterSettingKind.ChecksumDirection => OffloadValueNames.NameOf(OffloadValueNames.ChecksumDirection, number),
            AdapterSettingKind.IPsecOffload => number <= 3 ? number != 0 : null,
            _ => number <= 1 ? number == 1 : null,
        };
    }

    /// <summary>
    /// The NDIS keyword text for a vocabulary value (already validated). Turning IPsec offload on
    /// writes "3" (AH and ESP, the documented default) unless the driver lists other values only, then
    /// the highest value it lists.
    /// </summary>
    public static string ToNdis(AdapterOffloadSetting source, object value, IReadOnlyList<string> validValues) => source.Kind switch
    {
        AdapterSettingKind.ChecksumDirection => OffloadValueNames.IndexOf(OffloadValueNames.ChecksumDirection, (string)value)!.Value.ToString(CultureInfo.InvariantCulture),
        AdapterSettingKind.IPsecOffload when (bool)value => IPsecOnValue(validValues),
        _ => (bool)value ? "1" : "0",
    };

    /// <summary>Checks that a vocabulary value has the right type and spelling for the setting.</summary>
    /// <exception cref="DscOffloadException"><c>ValidationFailed</c>, listing what is allowed.</exception>
    public static void Validate(AdapterOffloadSetting source, object? value)
    {
        var ok = source.Kind switch
        {
            AdapterSettingKind.ChecksumDirection => value is string name && OffloadValueNames.IndexOf(OffloadValueNames.ChecksumDirection, name) is not null,
            _ => value is bool,
        };
        if (!ok)
        {
            var allowed = source.Kind == AdapterSettingKind.ChecksumDirection
                ? string.Join(", ", OffloadValueNames.ChecksumDirection)
                : "true, false";
            throw new DscOffloadException(ErrorKind.ValidationFailed, $"'{value}' is not a valid value of {source.Name}; allowed: {allowed}");
        }
    }

    private static string IPsecOnValue(IReadOnlyList<string> validValues)
    {
        if (validValues.Count == 0 || validValues.Contains("3"))
        {
            return "3";
        }

        return validValues
            .Select(v => uint.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is >= 1 and <= 3)
            .DefaultIfEmpty(3u)
            .Max()
            .ToString(CultureInfo.InvariantCulture);
    }
}
