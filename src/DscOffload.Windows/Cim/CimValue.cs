using System.Collections.ObjectModel;

namespace DscOffload.Windows.Cim;

/// <summary>
/// One typed CIM property value. The CIM type is kept next to the value because the classes are
/// strict about it (a <c>uint8</c> property does not accept a <c>uint32</c>), and a NULL value is a
/// real state: a property the driver does not report.
/// </summary>
internal sealed class CimValue : IEquatable<CimValue>
{
    private CimValue(CimValueType type, object? value)
    {
        Type = type;
        Value = value;
    }

    /// <summary>The declared CIM type.</summary>
    public CimValueType Type { get; }

    /// <summary>
    /// The value as <see cref="string"/>, <see cref="bool"/>, <see cref="byte"/>, <see cref="ushort"/>,
    /// <see cref="uint"/>, <see cref="ulong"/> or a read-only list of strings; null for a NULL property.
    /// </summary>
    public object? Value { get; }

    /// <summary>True when the property is NULL.</summary>
    public bool IsNull => Value is null;

    /// <summary>A <c>string</c> value.</summary>
    public static CimValue String(string? value) => new(CimValueType.String, value);

    /// <summary>A <c>boolean</c> value.</summary>
    public static CimValue Boolean(bool? value) => new(CimValueType.Boolean, value);

    /// <summary>A <c>uint8</c> value.</summary>
    public static CimValue UInt8(byte? value) => new(CimValueType.UInt8, value);

    /// <summary>A <c>uint16</c> value.</summary>
    public static CimValue UInt16(ushort? value) => new(CimValueType.UInt16, value);

    /// <summary>A <c>uint32</c> value.</summary>
    public static CimValue UInt32(uint? value) => new(CimValueType.UInt32, value);

    /// <summary>A <c>uint64</c> value.</summary>
    public static CimValue UInt64(ulong? value) => new(CimValueType.UInt64, value);

    /// <summary>A <c>string[]</c> value; the elements are copied so the value stays immutable.</summary>
    public static CimValue StringArray(IEnumerable<string>? value) =>
        new(CimValueType.StringArray, value is null ? null : new ReadOnlyCollection<string>(value.ToArray()));

    /// <summary>
    /// Builds a value of <paramref name="type"/> from a .NET value, converting between unsigned
    /// integer widths when the number fits. Throws <see cref="ArgumentException"/> when it does not
    /// fit the type: callers turn that into a type-mismatch error.
    /// </summary>
    public static CimValue Create(CimValueType type, object? value)
    {
        if (value is null)
        {
            return new CimValue(type, null);
        }

        return type switch
        {
            CimValueType.String when value is string s => String(s),
            CimValueType.Boolean when value is bool b => Boolean(b),
            CimValueType.UInt8 when ToUInt64(value) is { } n && n <= byte.MaxValue => UInt8((byte)n),
            CimValueType.UInt16 when ToUInt64(value) is { } n && n <= ushort.MaxValue => UInt16((ushort)n),
            CimValueType.UInt32 when ToUInt64(value) is { } n && n <= uint.MaxValue => UInt32((uint)n),
            CimValueType.UInt64 when ToUInt64(value) is { } n => UInt64(n),
            CimValueType.StringArray when value is IEnumerable<string> list => StringArray(list),
            _ => throw new ArgumentException($"a {value.GetType().Name} value does not fit CIM type {type}", nameof(value)),
        };
    }

    /// <summary>The value as a string, or null when NULL or not a string.</summary>
    public string? AsString() => Value as string;

    /// <summary>The value as a boolean, or null when NULL or not a boolean.</summary>
    public bool? AsBoolean() => Value as bool?;

    /// <summary>The value of any unsigned integer type, or null when NULL or not a number.</summary>
    public ulong? AsNumber() => Value is null ? null : ToUInt64(Value);

    /// <summary>The value as a list of strings, or null when NULL or not a string array.</summary>
    public IReadOnlyList<string>? AsStringArray() => Value as IReadOnlyList<string>;

    /// <inheritdoc/>
    public bool Equals(CimValue? other)
    {
        if (other is null || other.Type != Type)
        {
            return false;
        }

        if (Value is IReadOnlyList<string> mine && other.Value is IReadOnlyList<string> theirs)
        {
            return mine.SequenceEqual(theirs, StringComparer.Ordinal);
        }

        return Equals(Value, other.Value);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CimValue);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Value is IReadOnlyList<string> l ? l.Count : Value?.GetHashCode() ?? 0);

    /// <summary>A readable form for messages and test output, e.g. <c>uint8 1</c> or <c>string[] [1514]</c>.</summary>
    public override string ToString() => Value switch
    {
        null => $"{Type} NULL",
        IReadOnlyList<string> list => $"{Type} [{string.Join(", ", list)}]",
        _ => $"{Type} {Value}",
    };

    private static ulong? ToUInt64(object value) => value switch
    {
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u => u,
        int i when i >= 0 => (ulong)i,
        long l when l >= 0 => (ulong)l,
        short s when s >= 0 => (ulong)s,
        sbyte s when s >= 0 => (ulong)s,
        _ => null,
    };
}
