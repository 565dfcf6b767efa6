using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// Replays the coexistence state a snapshot recorded (the exported OffloadCoexistence instance), so
/// that config test against recorded hosts sees the same conditions the live host showed.
/// </summary>
internal sealed class RecordedCoexistenceProbe : ICoexistenceProbe
{
    private readonly RecordedHost _host;
    private readonly PlatformCoexistenceTable _table;

    /// <summary>Reads <paramref name="table"/>'s type from <paramref name="host"/>.</summary>
    public RecordedCoexistenceProbe(RecordedHost host, PlatformCoexistenceTable table)
    {
        _host = host;
        _table = table;
    }

    /// <inheritdoc />
    /// <exception cref="DscOffloadException">InvalidInput when the snapshot has no instance of the type or a malformed one.</exception>
    public CoexistenceReport Probe()
    {
        var instances = _host.InstancesOf(_table.ResourceType);
        if (instances.Count == 0)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput,
                $"recorded host '{_host.HostName}' ({_host.SourcePath}) has no {_table.ResourceType} instance; record the host again with 'dscoffload snapshot'");
        }

        return CoexistenceState.FromRecorded(_table, instances[0].Values, _host.SourcePath);
    }
}
