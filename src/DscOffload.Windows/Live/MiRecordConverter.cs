using DscOffload.Windows.Cim;
using Microsoft.Management.Infrastructure;

namespace DscOffload.Windows.Live;

/// <summary>
/// Copies MI instances into <see cref="CimRecord"/>s and back into key-only instances, and converts
/// values between the platform's .NET types and MI's typed properties.
/// </summary>
internal static class MiRecordConverter
{
    /// <summary>
    /// Copies the instance. Properties of types the platform never reads (embedded capability
    /// objects, datetimes, numeric arrays, signed numbers) are left out, unless they are keys.
    /// </summary>
    public static CimRecord ToRecord(string namespaceName, CimInstance instance)
    {
        var keys = new List<string>();
        var values = new List<KeyValuePair<string, CimValue>>();
        foreach (var property in instance.CimInstanceProperties)
        {
            if (FromMi(property.CimType, property.Value) is not { } value)
            {
                continue;
            }

            values.Add(new(property.Name, value));
            if ((property.Flags & CimFlags.Key) != 0)
            {
                keys.Add(property.Name);
            }
        }

        return new CimRecord(namespaceName, instance.CimSystemProperties.ClassName, keys, values);
    }

    /// <summary>An instance that carries only the key properties, enough for GetInstance and InvokeMethod.</summary>
    public static CimInstance ToKeyInstance(CimRecord record)
    {
        var instance = new CimInstance(record.ClassName, record.NamespaceName);
        foreach (var key in record.KeyNames)
        {
            var value = record.Properties[key];
            instance.CimInstanceProperties.Add(CimProperty.Create(key, value.Value, ToMiType(value.Type), CimFlags.Key));
        }

        return instance;
    }

    /// <summary>Converts a platform value to what MI expects for a property of <paramref name="type"/>.</summary>
    public static object? ToMiValue(CimType type, object? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        var cimValue = type switch
        {
            CimType.String => CimValue.Create(CimValueType.String, value),
            CimType.Boolean => CimValue.Create(CimValueType.Boolean, value),
            CimType.UInt8 => CimValue.Create(CimValueType.UInt8, value),
            CimType.UInt16 => CimValue.Create(CimValueType.UInt16, value),
            CimType.UInt32 => CimValue.Create(CimValueType.UInt32, value),
            CimType.UInt64 => CimValue.Create(CimValueType.UInt64, value),
            CimType.StringArray => CimValue.Create(CimValueType.StringArray, value),
            _ => throw new CimOperationException(CimFailure.InvalidParameter, $"property '{name}' has CIM type {type}, which the platform does not write"),
        };
        return cimValue.Value is IReadOnlyList<string> list ? list.ToArray() : cimValue.Value;
    }

    /// <summary>
    /// A method argument with its CIM type spelled out, so that MI does not infer it by reflection
    /// (its inference walks a type's interfaces, which Native AOT cannot guarantee).
    /// </summary>
    public static (CimType Type, object? Value) ToMiArgument(string name, object? value) => value switch
    {
        bool => (CimType.Boolean, value),
        byte => (CimType.UInt8, value),
        ushort => (CimType.UInt16, value),
        uint => (CimType.UInt32, value),
        ulong => (CimType.UInt64, value),
        string => (CimType.String, value),
        string[] => (CimType.StringArray, value),
        IEnumerable<string> list => (CimType.StringArray, list.ToArray()),
        _ => throw new CimOperationException(CimFailure.InvalidParameter, $"argument '{name}' has a type the platform does not pass to CIM ({value?.GetType().Name ?? "null"})"),
    };

    private static CimValue? FromMi(CimType type, object? value) => type switch
    {
        CimType.String => CimValue.String(value as string),
        CimType.Boolean => CimValue.Boolean(value as bool?),
        CimType.UInt8 => CimValue.UInt8(value as byte?),
        CimType.UInt16 => CimValue.UInt16(value as ushort?),
        CimType.UInt32 => CimValue.UInt32(value as uint?),
        CimType.UInt64 => CimValue.UInt64(value as ulong?),
        CimType.StringArray => CimValue.StringArray(value as string[]),
        _ => null,
    };

    private static CimType ToMiType(CimValueType type) => type switch
    {
        CimValueType.String => CimType.String,
        CimValueType.Boolean => CimType.Boolean,
        CimValueType.UInt8 => CimType.UInt8,
        CimValueType.UInt16 => CimType.UInt16,
        CimValueType.UInt32 => CimType.UInt32,
        CimValueType.UInt64 => CimType.UInt64,
        _ => CimType.StringArray,
    };
}
