using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Recorded;

/// <summary>
/// The members of a recorded object, in document order, names unique (the parser refuses duplicate keys). Looked up
/// by exact name as a <see cref="JObject"/> is; a recorded object has a few dozen members at most, so a linear search
/// costs less than building a dictionary for each.
/// </summary>
internal sealed class RecordedObject
{
    private readonly string[] _names;
    private readonly RecordedValue[] _values;

    public RecordedObject(string[] names, RecordedValue[] values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>An object without members.</summary>
    public static RecordedObject Empty { get; } = new([], []);

    /// <summary>How many members there are.</summary>
    public int Count => _names.Length;

    /// <summary>The name of the member at <paramref name="index"/>.</summary>
    public string NameAt(int index) => _names[index];

    /// <summary>The value of the member at <paramref name="index"/>.</summary>
    public RecordedValue ValueAt(int index) => _values[index];

    /// <summary>The member named <paramref name="name"/> (ordinal), if there is one.</summary>
    public bool TryGet(string name, out RecordedValue value)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                value = _values[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The member named <paramref name="name"/> (ordinal), searched from <paramref name="from"/> round to where it
    /// started; a hit moves <paramref name="from"/> past it. A reader that asks for names in the order recordings
    /// write them finds each at the first look instead of searching from the start every time.
    /// </summary>
    public bool TryGet(string name, ref int from, out RecordedValue value)
    {
        var count = _names.Length;
        var start = from < count ? from : 0;
        for (var n = 0; n < count; n++)
        {
            var i = start + n;
            if (i >= count)
            {
                i -= count;
            }

            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                value = _values[i];
                from = i + 1;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The string member <paramref name="name"/>, or null when it is missing or not a string.</summary>
    public string? StringOf(string name) => TryGet(name, out var v) && v.Kind == RecordedValueKind.String ? v.String : null;

    /// <summary>The object member <paramref name="name"/>, or null when it is missing or not an object.</summary>
    public RecordedObject? ObjectOf(string name) => TryGet(name, out var v) && v.Kind == RecordedValueKind.Object ? v.Object : null;

    /// <summary>True when the member <paramref name="name"/> is the boolean <c>true</c>.</summary>
    public bool IsTrue(string name) => TryGet(name, out var v) && v.Kind == RecordedValueKind.Boolean && v.Boolean;

    /// <summary>Converts an object of a token tree, keeping locations (see <see cref="RecordedValue.FromToken"/>).</summary>
    public static RecordedObject FromToken(JObject obj, string? fileForLineInfo = null)
    {
        var names = new string[obj.Count];
        var values = new RecordedValue[obj.Count];
        var i = 0;
        foreach (var property in obj.Properties())
        {
            names[i] = property.Name;
            values[i] = RecordedValue.FromToken(property.Value, fileForLineInfo);
            i++;
        }

        return new RecordedObject(names, values);
    }

    /// <summary>The object the JSON parser builds for these members (without locations).</summary>
    public JObject ToToken()
    {
        var obj = new JObject();
        for (var i = 0; i < _names.Length; i++)
        {
            obj.Add(new JProperty(_names[i], _values[i].ToToken()));
        }

        return obj;
    }
}
