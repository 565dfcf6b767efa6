using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Recorded;

/// <summary>
/// One value of a recorded instance's properties. Snapshots of a fleet are read straight into these (a struct, no
/// token objects: building Newtonsoft's <see cref="JObject"/>s cost more than the rest of reading a host); a tree given
/// as tokens is converted, keeping each token's location. <see cref="ToToken"/> gives back the token the JSON parser
/// would have built, for messages and for <see cref="RecordedInstance.Properties"/>.
/// </summary>
internal readonly struct RecordedValue
{
    private readonly object? _reference;
    private readonly long _bits;

    private RecordedValue(RecordedValueKind kind, object? reference, long bits, SourceLocation? location)
    {
        Kind = kind;
        _reference = reference;
        _bits = bits;
        Location = location;
    }

    /// <summary>The kind of value.</summary>
    public RecordedValueKind Kind { get; }

    /// <summary>Where the value starts, when the snapshot was read with locations.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The string of a <see cref="RecordedValueKind.String"/>.</summary>
    public string String => Kind == RecordedValueKind.String ? (string)_reference! : throw WrongKind();

    /// <summary>The number of an <see cref="RecordedValueKind.Integer"/>.</summary>
    public long Integer => Kind == RecordedValueKind.Integer ? _bits : throw WrongKind();

    /// <summary>The number of a <see cref="RecordedValueKind.Float"/>.</summary>
    public double Float => Kind == RecordedValueKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind();

    /// <summary>The value of a <see cref="RecordedValueKind.Boolean"/>.</summary>
    public bool Boolean => Kind == RecordedValueKind.Boolean ? _bits != 0 : throw WrongKind();

    /// <summary>The members of an <see cref="RecordedValueKind.Object"/>.</summary>
    public RecordedObject Object => Kind == RecordedValueKind.Object ? (RecordedObject)_reference! : throw WrongKind();

    /// <summary>The items of an <see cref="RecordedValueKind.Array"/>.</summary>
    public IReadOnlyList<RecordedValue> Items => Kind == RecordedValueKind.Array ? (RecordedValue[])_reference! : throw WrongKind();

    /// <summary>True for a string.</summary>
    public bool IsString => Kind == RecordedValueKind.String;

    public static RecordedValue Null(SourceLocation? at = null) => new(RecordedValueKind.Null, null, 0, at);

    public static RecordedValue Of(string value, SourceLocation? at = null) => new(RecordedValueKind.String, value, 0, at);

    public static RecordedValue Of(long value, SourceLocation? at = null) => new(RecordedValueKind.Integer, null, value, at);

    public static RecordedValue Of(double value, SourceLocation? at = null) => new(RecordedValueKind.Float, null, BitConverter.DoubleToInt64Bits(value), at);

    public static RecordedValue Of(bool value, SourceLocation? at = null) => new(RecordedValueKind.Boolean, null, value ? 1 : 0, at);

    public static RecordedValue Of(RecordedObject value, SourceLocation? at = null) => new(RecordedValueKind.Object, value, 0, at);

    public static RecordedValue Of(RecordedValue[] items, SourceLocation? at = null) => new(RecordedValueKind.Array, items, 0, at);

    /// <summary>
    /// Converts a token tree (a located parse, or one a library user built), keeping each token's location as
    /// <see cref="SourceLocationAnnotations.Location"/> finds it (with <paramref name="fileForLineInfo"/>, from a
    /// token's own line information when it has no location).
    /// </summary>
    public static RecordedValue FromToken(JToken token, string? fileForLineInfo = null)
    {
        var at = token.Location(fileForLineInfo);
        switch (token)
        {
            case JObject obj:
                return Of(RecordedObject.FromToken(obj, fileForLineInfo), at);
            case JArray array:
                var items = new RecordedValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = FromToken(array[i], fileForLineInfo);
                }

                return Of(items, at);
            case JValue value:
                return (value.Type, value.Value) switch
                {
                    (JTokenType.Null, _) => Null(at),
                    (JTokenType.String, string s) => Of(s, at),
                    (JTokenType.Integer, long n) => Of(n, at),
                    (JTokenType.Float, double d) => Of(d, at),
                    (JTokenType.Boolean, bool b) => Of(b, at),
                    _ => new RecordedValue(RecordedValueKind.Other, token, 0, at),
                };
            default:
                return new RecordedValue(RecordedValueKind.Other, token, 0, at);
        }
    }

    /// <summary>The token the JSON parser builds for this value (without locations); a fresh tree on each call.</summary>
    public JToken ToToken() => Kind switch
    {
        RecordedValueKind.Null => JValue.CreateNull(),
        RecordedValueKind.String => new JValue((string)_reference!),
        RecordedValueKind.Integer => new JValue(_bits),
        RecordedValueKind.Float => new JValue(Float),
        RecordedValueKind.Boolean => new JValue(_bits != 0),
        RecordedValueKind.Object => Object.ToToken(),
        RecordedValueKind.Array => new JArray(((RecordedValue[])_reference!).Select(i => i.ToToken())),
        _ => ((JToken)_reference!).DeepClone(),
    };

    private InvalidOperationException WrongKind() => new($"the recorded value is {Kind}");
}
