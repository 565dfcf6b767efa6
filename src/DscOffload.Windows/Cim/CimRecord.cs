using System.Collections.ObjectModel;

namespace DscOffload.Windows.Cim;

/// <summary>
/// An immutable copy of one CIM instance: its namespace and class, which properties form its key,
/// and every property value with its CIM type. Records are what a <see cref="ICimGateway"/> returns
/// and what it takes back to modify an instance or invoke a method on it; they hold no live handle,
/// so they can be built by hand in tests and outlive the session that produced them.
/// </summary>
internal sealed class CimRecord
{
    private readonly ReadOnlyDictionary<string, CimValue> properties;

    /// <summary>Creates a record. Property names are case-insensitive, as in CIM.</summary>
    /// <param name="namespaceName">The namespace, e.g. <c>ROOT/StandardCimv2</c>.</param>
    /// <param name="className">The class, e.g. <c>MSFT_NetAdapterLsoSettingData</c>.</param>
    /// <param name="keyNames">The names of the key properties (each must be among the properties).</param>
    /// <param name="properties">The property values.</param>
    public CimRecord(string namespaceName, string className, IEnumerable<string> keyNames, IEnumerable<KeyValuePair<string, CimValue>> properties)
    {
        NamespaceName = namespaceName;
        ClassName = className;
        var map = new Dictionary<string, CimValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in properties)
        {
            map[name] = value;
        }

        var keys = keyNames.ToArray();
        foreach (var key in keys)
        {
            if (!map.ContainsKey(key))
            {
                throw new ArgumentException($"key property '{key}' of {className} has no value", nameof(keyNames));
            }
        }

        KeyNames = new ReadOnlyCollection<string>(keys);
        this.properties = new ReadOnlyDictionary<string, CimValue>(map);
    }

    /// <summary>The namespace the instance lives in.</summary>
    public string NamespaceName { get; }

    /// <summary>The class name.</summary>
    public string ClassName { get; }

    /// <summary>The names of the key properties, which identify the instance for modify and invoke.</summary>
    public IReadOnlyList<string> KeyNames { get; }

    /// <summary>Every property with its typed value (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, CimValue> Properties => properties;

    /// <summary>The value of a property, or null when the instance does not have it.</summary>
    public CimValue? this[string name] => properties.GetValueOrDefault(name);

    /// <summary>A string property, or null when missing or NULL.</summary>
    public string? GetString(string name) => this[name]?.AsString();

    /// <summary>A boolean property, or null when missing or NULL.</summary>
    public bool? GetBoolean(string name) => this[name]?.AsBoolean();

    /// <summary>An unsigned integer property of any width, or null when missing or NULL.</summary>
    public ulong? GetNumber(string name) => this[name]?.AsNumber();

    /// <summary>A string-array property, or null when missing or NULL.</summary>
    public IReadOnlyList<string>? GetStringArray(string name) => this[name]?.AsStringArray();

    /// <summary>
    /// A copy with some property values replaced. Each new value keeps the property's declared CIM
    /// type; a value that does not fit it throws <see cref="ArgumentException"/>.
    /// </summary>
    public CimRecord With(IReadOnlyDictionary<string, object?> changes)
    {
        var map = new Dictionary<string, CimValue>(properties, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            if (!map.TryGetValue(name, out var old))
            {
                throw new ArgumentException($"{ClassName} has no property '{name}'", nameof(changes));
            }

            map[name] = CimValue.Create(old.Type, value);
        }

        return new CimRecord(NamespaceName, ClassName, KeyNames, map);
    }

    /// <summary>The instance path in CIM's readable form, e.g. <c>MSFT_NetAdapterLsoSettingData (InstanceID = "{…}")</c>.</summary>
    public override string ToString() =>
        $"{ClassName} ({string.Join(", ", KeyNames.Select(k => $"{k} = \"{properties[k].Value}\""))})";
}
