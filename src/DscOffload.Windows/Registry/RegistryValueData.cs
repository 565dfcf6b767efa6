using System.Collections.ObjectModel;
using System.Globalization;

namespace DscOffload.Windows.Registry;

/// <summary>
/// One registry value as read: its type and data. <see cref="Text"/> is the form an NDIS keyword is
/// compared in (REG_SZ as is, numbers in decimal, REG_MULTI_SZ joined with commas), so a driver that
/// stores a keyword as REG_DWORD still compares equal to the "1" an operator writes.
/// </summary>
internal sealed class RegistryValueData
{
    private RegistryValueData(RegistryDataKind kind, string text, ulong? number, IReadOnlyList<string>? lines)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Lines = lines;
    }

    /// <summary>The registry type.</summary>
    public RegistryDataKind Kind { get; }

    /// <summary>The data as text (see the class remarks).</summary>
    public string Text { get; }

    /// <summary>The number for REG_DWORD and REG_QWORD; null for other types.</summary>
    public ulong? Number { get; }

    /// <summary>The strings of a REG_MULTI_SZ; null for other types.</summary>
    public IReadOnlyList<string>? Lines { get; }

    /// <summary>A REG_SZ value.</summary>
    public static RegistryValueData String(string value) => new(RegistryDataKind.String, value, null, null);

    /// <summary>A REG_EXPAND_SZ value (kept unexpanded).</summary>
    public static RegistryValueData ExpandString(string value) => new(RegistryDataKind.ExpandString, value, null, null);

    /// <summary>A REG_DWORD value.</summary>
    public static RegistryValueData DWord(uint value) => new(RegistryDataKind.DWord, value.ToString(CultureInfo.InvariantCulture), value, null);

    /// <summary>A REG_QWORD value.</summary>
    public static RegistryValueData QWord(ulong value) => new(RegistryDataKind.QWord, value.ToString(CultureInfo.InvariantCulture), value, null);

    /// <summary>A REG_MULTI_SZ value.</summary>
    public static RegistryValueData MultiString(IEnumerable<string> lines)
    {
        var copy = lines.ToArray();
        return new(RegistryDataKind.MultiString, string.Join(',', copy), null, new ReadOnlyCollection<string>(copy));
    }

    /// <summary>A value of a type the platform does not interpret (e.g. REG_BINARY), with a short description.</summary>
    public static RegistryValueData Other(string description) => new(RegistryDataKind.Other, description, null, null);

    /// <summary>For messages: <c>REG_SZ "1"</c>, <c>REG_DWORD 1</c>.</summary>
    public override string ToString() => Kind switch
    {
        RegistryDataKind.String => $"REG_SZ \"{Text}\"",
        RegistryDataKind.ExpandString => $"REG_EXPAND_SZ \"{Text}\"",
        RegistryDataKind.DWord => $"REG_DWORD {Text}",
        RegistryDataKind.QWord => $"REG_QWORD {Text}",
        RegistryDataKind.MultiString => $"REG_MULTI_SZ [{Text}]",
        _ => Text,
    };
}
