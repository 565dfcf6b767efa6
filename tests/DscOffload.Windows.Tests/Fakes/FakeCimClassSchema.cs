using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>
/// A CIM class as its documentation declares it: namespace, key properties, typed properties with
/// their access, method names and, where the documentation gives them, each method's [in] parameters. The fake
/// gateway types seeded values and checks writes and method calls with it.
/// </summary>
internal sealed class FakeCimClassSchema
{
    public FakeCimClassSchema(string namespaceName, string className, IReadOnlyList<string> keys, IReadOnlyDictionary<string, FakeCimPropertySchema> properties, IReadOnlyList<string> methods,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, CimValueType>>? methodParameters = null)
    {
        MethodParameters = new Dictionary<string, IReadOnlyDictionary<string, CimValueType>>(methodParameters ?? new Dictionary<string, IReadOnlyDictionary<string, CimValueType>>(), StringComparer.OrdinalIgnoreCase);
        NamespaceName = namespaceName;
        ClassName = className;
        Keys = keys;
        Properties = new Dictionary<string, FakeCimPropertySchema>(properties, StringComparer.OrdinalIgnoreCase);
        Methods = methods;
    }

    public string NamespaceName { get; }

    public string ClassName { get; }

    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyDictionary<string, FakeCimPropertySchema> Properties { get; }

    public IReadOnlyList<string> Methods { get; }

    /// <summary>The documented [in] parameters of a method, by method name; a method missing here is not checked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, CimValueType>> MethodParameters { get; }

    /// <summary>Types plain seed values (JSON numbers, strings, booleans, arrays) by the schema; an unknown property is a seed error.</summary>
    public CimRecord CreateRecord(IReadOnlyDictionary<string, object?> values)
    {
        var typed = new List<KeyValuePair<string, CimValue>>();
        foreach (var (name, value) in values)
        {
            if (!Properties.TryGetValue(name, out var property))
            {
                throw new ArgumentException($"{ClassName} has no documented property '{name}'", nameof(values));
            }

            typed.Add(new(name, CimValue.Create(property.Type, value)));
        }

        return new CimRecord(NamespaceName, ClassName, Keys, typed);
    }
}
