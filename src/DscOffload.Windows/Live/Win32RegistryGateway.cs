using System.Runtime.Versioning;
using System.Security;
using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Registry;
using Microsoft.Win32;

namespace DscOffload.Windows.Live;

/// <summary>
/// <see cref="IRegistryGateway"/> over <see cref="Microsoft.Win32.Registry"/>, on the 64-bit view of
/// HKLM so that a 32-bit process would still see the real Tcpip and network class keys.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class Win32RegistryGateway : IRegistryGateway
{
    /// <inheritdoc/>
    public IReadOnlyList<string> SubkeyNames(string keyPath)
    {
        using var key = OpenForReading(keyPath);
        return key?.GetSubKeyNames() ?? [];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ValueNames(string keyPath)
    {
        using var key = OpenForReading(keyPath);
        return key?.GetValueNames() ?? [];
    }

    /// <inheritdoc/>
    public RegistryValueData? Read(string keyPath, string valueName)
    {
        using var key = OpenForReading(keyPath);
        if (key is null)
        {
            return null;
        }

        try
        {
            var data = key.GetValue(valueName, null, RegistryValueOptions.DoNotExpandEnvironmentNames);
            if (data is null)
            {
                return null;
            }

            return key.GetValueKind(valueName) switch
            {
                RegistryValueKind.String => RegistryValueData.String((string)data),
                RegistryValueKind.ExpandString => RegistryValueData.ExpandString((string)data),
                RegistryValueKind.DWord => RegistryValueData.DWord(unchecked((uint)(int)data)),
                RegistryValueKind.QWord => RegistryValueData.QWord(unchecked((ulong)(long)data)),
                RegistryValueKind.MultiString => RegistryValueData.MultiString((string[])data),
                var kind => RegistryValueData.Other($"{kind} ({(data is byte[] bytes ? bytes.Length : 0)} bytes)"),
            };
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void WriteDWord(string keyPath, string valueName, uint value) =>
        Write(keyPath, valueName, key => key.SetValue(valueName, unchecked((int)value), RegistryValueKind.DWord));

    /// <inheritdoc/>
    public void WriteString(string keyPath, string valueName, string value) =>
        Write(keyPath, valueName, key => key.SetValue(valueName, value, RegistryValueKind.String));

    /// <inheritdoc/>
    public void DeleteValue(string keyPath, string valueName) =>
        Write(keyPath, valueName, key => key.DeleteValue(valueName, throwOnMissingValue: false));

    private static RegistryKey Hklm() => RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);

    private static RegistryKey? OpenForReading(string keyPath)
    {
        using var root = Hklm();
        try
        {
            return root.OpenSubKey(keyPath, writable: false);
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(string keyPath, string valueName, Action<RegistryKey> change)
    {
        using var root = Hklm();
        try
        {
            using var key = root.OpenSubKey(keyPath, writable: true)
                ?? throw new DscOffloadException(ErrorKind.NotSupported, $"registry key HKLM\\{keyPath} does not exist, so '{valueName}' cannot be written");
            change(key);
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException)
        {
            throw new DscOffloadException(ErrorKind.ElevationRequired, $"changing HKLM\\{keyPath}\\{valueName} needs an elevated (administrator) process", null, e);
        }
        catch (IOException e)
        {
            throw new DscOffloadException(ErrorKind.Unexpected, $"changing HKLM\\{keyPath}\\{valueName} failed: {e.Message}", null, e);
        }
    }
}
