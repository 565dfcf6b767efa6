using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using DscOffload.Windows.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Live;

/// <summary>
/// Converts adapter setting values between the vocabulary (<see cref="bool"/>, an enum name or a
/// <see cref="long"/>), CIM property values and NDIS keyword text.
/// </summary>
internal static class AdapterSettingCodec
{
    /// <summary>The vocabulary value of a CIM property, or null when it is NULL or out of range.</summary>
    public static object? FromCim(AdapterOffloadSetting source, CimValue? value) => source switch
    {
        { ValueNames: { } names } => NameOf(source, names, value?.AsNumber()),
        { IsNumber: true } => value?.AsNumber() is { } n && (long)n <= source.Maximum ? (long)n : null,
        _ => value?.AsBoolean(),
    };

    /// <summary>The CIM property value for a vocabulary value (already validated), typed as the class declares it.</summary>
    public static object ToCim(AdapterOffloadSetting source, object value) => source.Kind switch
    {
        AdapterSettingKind.ChecksumDirection or AdapterSettingKind.RssProfile => NumberOf(source, (string)value),
        AdapterSettingKind.UInt8 => (byte)(long)value,
        AdapterSettingKind.UInt16 => (ushort)(long)value,
        AdapterSettingKind.UInt32 => (uint)(long)value,
        _ => (bool)value,
    };

    /// <summary>The vocabulary value of NDIS keyword text, or null when the text is not a known value.</summary>
    public static object? FromNdis(AdapterOffloadSetting source, string text)
    {
        if (!uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return source switch
        {
            { ValueNames: { } names } => NameOf(source, names, number),
            { IsNumber: true } => number <= source.Maximum ? (long)number : null,
            { Kind: AdapterSettingKind.IPsecOffload } => number <= 3 ? number != 0 : null,
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
        AdapterSettingKind.ChecksumDirection or AdapterSettingKind.RssProfile => NumberOf(source, (string)value).ToString(CultureInfo.InvariantCulture),
        AdapterSettingKind.UInt8 or AdapterSettingKind.UInt16 or AdapterSettingKind.UInt32 => ((long)value).ToString(CultureInfo.InvariantCulture),
        AdapterSettingKind.IPsecOffload when (bool)value => IPsecOnValue(validValues),
        _ => (bool)value ? "1" : "0",
    };

    /// <summary>
    /// Whether NDIS keyword text is exactly what writing the typed value (as JSON) would put in the registry, so that
    /// one can be rebuilt from the other. False for text the typed value cannot say (IPsec offload "1", AH only).
    /// </summary>
    public static bool SameAsTyped(AdapterOffloadSetting source, JToken typed, JToken keywordText) =>
        keywordText.Type == JTokenType.String
        && FromJson(source, typed) is { } value
        && ToNdis(source, value, []) == keywordText.ToString();

    /// <summary>The vocabulary value of a JSON value (as exported or recorded), or null when it has the wrong type.</summary>
    public static object? FromJson(AdapterOffloadSetting source, JToken value) => source switch
    {
        { ValueNames: not null } when value.Type == JTokenType.String => value.ToString(),
        { IsNumber: true } when value.Type == JTokenType.Integer => (long)value,
        { IsBoolean: true } when value.Type == JTokenType.Boolean => (bool)value,
        _ => null,
    };

    /// <summary>Checks that a vocabulary value has the right type, spelling and range for the setting.</summary>
    /// <exception cref="DscOffloadException"><c>ValidationFailed</c>, listing what is allowed.</exception>
    public static void Validate(AdapterOffloadSetting source, object? value)
    {
        var ok = source switch
        {
            { ValueNames: { } names } => value is string name && OffloadValueNames.IndexOf(names, name) is not null,
            { IsNumber: true } => value is long n && n >= source.Minimum && n <= source.Maximum,
            _ => value is bool,
        };
        if (!ok)
        {
            var allowed = source switch
            {
                { ValueNames: { } names } => string.Join(", ", names),
                { IsNumber: true } => $"{source.Minimum} to {source.Maximum}",
                _ => "true, false",
            };
            throw new DscOffloadException(ErrorKind.ValidationFailed, $"'{value}' is not a valid value of {source.Name}; allowed: {allowed}");
        }
    }

    private static string? NameOf(AdapterOffloadSetting source, IReadOnlyList<string> names, ulong? number) =>
        number is { } n && n >= source.FirstValueNumber ? OffloadValueNames.NameOf(names, n - source.FirstValueNumber) : null;

    private static uint NumberOf(AdapterOffloadSetting source, string name) =>
        (uint)OffloadValueNames.IndexOf(source.ValueNames!, name)!.Value + source.FirstValueNumber;

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
