using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Recorded;

/// <summary>One resource instance of a recorded host: what export reported for one adapter or setting set.</summary>
public sealed record RecordedInstance(string Type, string Name, JObject Properties, SourceLocation? Location)
{
    private JObject? _properties = Properties;
    private RecordedObject? _values;

    /// <summary>An instance read by <see cref="SnapshotReader"/>: its token tree is built only if someone asks for it.</summary>
    internal RecordedInstance(string type, string name, RecordedObject values)
        : this(type, name, null!, null)
    {
        _values = values;
    }

    /// <summary>The exported properties.</summary>
    public JObject Properties
    {
        get => _properties ??= _values!.ToToken();
        init
        {
            _properties = value;
            _values = null;
        }
    }

    /// <summary>
    /// The properties as the recorded platforms read them: for a fleet's snapshot what was read from the file, for a
    /// token tree a conversion of it that keeps each value's location.
    /// </summary>
    internal RecordedObject Values => _values ??= RecordedObject.FromToken(_properties!);
}
