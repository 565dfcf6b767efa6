using DscOffload.Core.Diagnostics;
using DscOffload.Tests.Safety;
using DscOffload.Windows.Platform;

namespace DscOffload.Windows.Tests.Safety;

/// <summary>
/// Wraps an <see cref="IWindowsOffloadPlatform"/> and fails its k-th operation (<see cref="FaultInjector"/>).
/// Writes are split into one operation per setting (each CIM setting, registry value, typed adapter setting and
/// advanced property), so a fault can strike in the middle of a write; the error then
/// carries what was already written (<see cref="PartialGlobalWriteException"/>,
/// <see cref="PartialAdapterWriteException"/>), as the platform contract requires.
/// </summary>
public sealed class FaultInjectingWindowsPlatform(IWindowsOffloadPlatform inner) : FaultInjector, IWindowsOffloadPlatform
{
    public string HostName => inner.HostName;

    public GlobalOffloadState ReadGlobal() => Run("ReadGlobal", inner.ReadGlobal);

    public IReadOnlyList<WindowsAdapterInfo> ListAdapters() => Run("ListAdapters", inner.ListAdapters);

    public WindowsAdapterOffloadState ReadAdapter(WindowsAdapterInfo adapter) => Run($"ReadAdapter({adapter.Name})", () => inner.ReadAdapter(adapter));

    public void RestartAdapter(WindowsAdapterInfo adapter) => Run($"RestartAdapter({adapter.Name})", () =>
    {
        inner.RestartAdapter(adapter);
        return true;
    });

    public void WriteGlobal(GlobalOffloadState changes)
    {
        var applied = new GlobalOffloadState();
        try
        {
            foreach (var (name, value) in changes.Settings)
            {
                var one = new GlobalOffloadState();
                one.Settings[name] = value;
                Run($"WriteGlobal({name})", () => Write(one, applied, () => applied.Settings[name] = value));
            }

            foreach (var (name, value) in changes.TcpipParameters)
            {
                var one = new GlobalOffloadState();
                one.TcpipParameters[name] = value;
                Run($"WriteGlobal(tcpipParameters.{name})", () => Write(one, applied, () => applied.TcpipParameters[name] = value));
            }
        }
        catch (DscOffloadException e) when (e is not PartialGlobalWriteException && (applied.Settings.Count > 0 || applied.TcpipParameters.Count > 0))
        {
            throw new PartialGlobalWriteException(e, applied);
        }
    }

    public void WriteAdapter(WindowsAdapterInfo adapter, WindowsAdapterChange change)
    {
        var applied = new WindowsAdapterChange();
        try
        {
            foreach (var (name, value) in change.Settings)
            {
                var one = new WindowsAdapterChange();
                one.Settings[name] = value;
                Run($"WriteAdapter({adapter.Name}, {name})", () =>
                {
                    inner.WriteAdapter(adapter, one);
                    applied.Settings[name] = value;
                    return true;
                });
            }

            foreach (var (keyword, value) in change.AdvancedProperties)
            {
                var one = new WindowsAdapterChange();
                one.AdvancedProperties[keyword] = value;
                Run($"WriteAdapter({adapter.Name}, {keyword})", () =>
                {
                    inner.WriteAdapter(adapter, one);
                    applied.AdvancedProperties[keyword] = value;
                    return true;
                });
            }
        }
        catch (DscOffloadException e) when (e is not PartialAdapterWriteException && !applied.IsEmpty)
        {
            throw new PartialAdapterWriteException(e, applied);
        }
    }

    private bool Write(GlobalOffloadState one, GlobalOffloadState applied, Action record)
    {
        _ = applied;
        inner.WriteGlobal(one);
        record();
        return true;
    }
}
