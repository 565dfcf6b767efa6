using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;
using Microsoft.Management.Infrastructure;
using Microsoft.Management.Infrastructure.Options;

namespace DscOffload.Windows.Live;

/// <summary>
/// <see cref="ICimGateway"/> over Microsoft.Management.Infrastructure (MI, the API behind the CIM
/// cmdlets) on a local session. Instances are copied into <see cref="CimRecord"/>s at once
/// and disposed, so no native handle outlives a call.
/// </summary>
/// <remarks>
/// <para>Modify re-reads the instance by its keys (GetInstance) and changes only the requested
/// properties before ModifyInstance, so the provider receives a complete instance, never one built
/// from a possibly stale record.</para>
/// <para>On other operating systems every call fails with <c>NotSupported</c> before any MI type is
/// touched: MI's Unix build talks to OMI, which has none of the Windows networking classes.</para>
/// </remarks>
internal sealed class MiCimGateway : ICimGateway, IDisposable
{
    private CimSession? session;

    /// <summary>
    /// False only in tests on other operating systems: lets a call reach MI, whose native library is absent
    /// there, to prove that a library that cannot be loaded is reported as such.
    /// </summary>
    internal bool RequireWindows { get; init; } = true;

    /// <inheritdoc/>
    public IReadOnlyList<CimRecord> Query(string namespaceName, string className, string? wqlFilter, IReadOnlyDictionary<string, object>? customOptions = null)
    {
        var query = wqlFilter is null ? $"SELECT * FROM {className}" : $"SELECT * FROM {className} WHERE {wqlFilter}";
        return Call($"query '{query}' in {namespaceName}", () =>
        {
            var cim = Session();
            using var options = CreateOptions(customOptions);
            var records = new List<CimRecord>();
            foreach (var instance in cim.QueryInstances(namespaceName, "WQL", query, options))
            {
                using (instance)
                {
                    records.Add(MiRecordConverter.ToRecord(namespaceName, instance));
                }
            }

            return records;
        });
    }

    /// <inheritdoc/>
    public void Modify(CimRecord instance, IReadOnlyDictionary<string, object?> changes, IReadOnlyDictionary<string, object>? customOptions = null)
    {
        Call($"modifying {instance}", () =>
        {
            var cim = Session();
            using var keys = MiRecordConverter.ToKeyInstance(instance);
            using var options = CreateOptions(customOptions);
            using var current = cim.GetInstance(instance.NamespaceName, keys, options);
            foreach (var (name, value) in changes)
            {
                var property = current.CimInstanceProperties[name]
                    ?? throw new CimOperationException(CimFailure.InvalidParameter, $"{instance} has no property '{name}'");
                property.Value = MiRecordConverter.ToMiValue(property.CimType, value, name);
            }

            using var modified = cim.ModifyInstance(instance.NamespaceName, current, options);
            return true;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> Invoke(CimRecord instance, string method, IReadOnlyDictionary<string, object?> args)
    {
        return Call($"calling {method} on {instance}", () =>
        {
            var cim = Session();
            using var keys = MiRecordConverter.ToKeyInstance(instance);
            using var parameters = new CimMethodParametersCollection();
            foreach (var (name, value) in args)
            {
                var (type, miValue) = MiRecordConverter.ToMiArgument(name, value);
                parameters.Add(CimMethodParameter.Create(name, miValue, type, CimFlags.In));
            }

            using var result = cim.InvokeMethod(instance.NamespaceName, keys, method, parameters);
            var output = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["ReturnValue"] = result.ReturnValue?.Value,
            };
            foreach (var parameter in result.OutParameters)
            {
                output[parameter.Name] = parameter.Value;
            }

            return output;
        });
    }

    /// <summary>Closes the MI session.</summary>
    public void Dispose()
    {
        session?.Dispose();
        session = null;
    }

    private static CimOperationOptions? CreateOptions(IReadOnlyDictionary<string, object>? customOptions)
    {
        if (customOptions is null || customOptions.Count == 0)
        {
            return null;
        }

        var options = new CimOperationOptions();
        foreach (var (name, value) in customOptions)
        {
            switch (value)
            {
                case bool b:
                    options.SetCustomOption(name, b, mustComply: false);
                    break;
                case uint u:
                    options.SetCustomOption(name, u, mustComply: false);
                    break;
                case string s:
                    options.SetCustomOption(name, s, mustComply: false);
                    break;
                default:
                    throw new ArgumentException($"custom option '{name}' must be a bool, uint or string", nameof(customOptions));
            }
        }

        return options;
    }

    /// <summary>
    /// Runs one MI call: MI's own errors become <see cref="CimOperationException"/>s, and a native library
    /// that cannot be loaded (the first call is where MI loads it) becomes the error that names it.
    /// </summary>
    private static T Call<T>(string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (CimException e)
        {
            throw Translate(e, what);
        }
        catch (Exception e) when (MiNativeLibrary.IsLoadFailure(e))
        {
            throw MiNativeLibrary.LoadFailure(e, AppContext.BaseDirectory);
        }
    }

    private static CimOperationException Translate(CimException e, string what)
    {
        var failure = e.NativeErrorCode switch
        {
            NativeErrorCode.InvalidClass or NativeErrorCode.InvalidNamespace => CimFailure.ClassMissing,
            NativeErrorCode.NotFound => CimFailure.NotFound,
            NativeErrorCode.AccessDenied => CimFailure.AccessDenied,
            NativeErrorCode.InvalidParameter or NativeErrorCode.TypeMismatch or NativeErrorCode.NoSuchProperty => CimFailure.InvalidParameter,
            NativeErrorCode.NotSupported => CimFailure.NotSupported,
            NativeErrorCode.InvalidQuery or NativeErrorCode.QueryLanguageNotSupported => CimFailure.InvalidQuery,
            NativeErrorCode.MethodNotFound or NativeErrorCode.MethodNotAvailable => CimFailure.MethodNotFound,
            _ => CimFailure.Failed,
        };
        return CimErrorClassifier.Exception(failure, what, Details(e), e.Message.ReplaceLineEndings(" ").Trim(), e);
    }

    /// <summary>
    /// The provider's error instance (MSFT_WmiError, a CIM_Error) as <see cref="CimErrorDetails"/>, or null when
    /// the error carries none. [unverified on a host] which of these properties the NetAdapter provider fills.
    /// </summary>
    private static CimErrorDetails? Details(CimException e)
    {
        CimInstance? error;
        try
        {
            error = e.ErrorData;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }

        if (error is null)
        {
            return null;
        }

        return new CimErrorDetails(
            ErrorType: Text(error, "error_Type"),
            ErrorCode: Number(error, "error_Code"),
            CimStatusCode: Number(error, "CIMStatusCode"),
            MessageId: Text(error, "MessageID"),
            Message: Text(error, "Message"),
            WindowsErrorMessage: Text(error, "error_WindowsErrorMessage"));
    }

    private static object? Value(CimInstance instance, string name)
    {
        try
        {
            return instance.CimInstanceProperties[name]?.Value;
        }
        catch (CimException)
        {
            return null;
        }
    }

    private static string? Text(CimInstance instance, string name) => Value(instance, name) as string;

    private static uint? Number(CimInstance instance, string name) => Value(instance, name) switch
    {
        uint u => u,
        ushort u => u,
        byte b => b,
        int i => unchecked((uint)i),
        _ => null,
    };

    private CimSession Session()
    {
        if (RequireWindows && !OperatingSystem.IsWindows())
        {
            throw new DscOffloadException(ErrorKind.NotSupported, "CIM (ROOT/StandardCimv2) is available only on Windows; use --against to test recorded state on this system");
        }

        return session ??= CimSession.Create(null);
    }
}
