using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Coexistence;

/// <summary>
/// The outcome of one probe query: the instances, or why there are none to look at (the class does not
/// exist on this Windows version, access denied, a provider failure). Probing never throws for these.
/// </summary>
internal sealed record CimQueryResult(IReadOnlyList<CimRecord>? Records, string? Failure, bool ClassMissing)
{
    /// <summary>Runs the query and captures a failure instead of throwing it.</summary>
    public static CimQueryResult Run(ICimGateway cim, string namespaceName, string className, string? filter = null, IReadOnlyDictionary<string, object>? options = null)
    {
        try
        {
            return new CimQueryResult(cim.Query(namespaceName, className, filter, options), null, false);
        }
        catch (CimOperationException e) when (e.Failure == CimFailure.ClassMissing)
        {
            return new CimQueryResult(null, $"{className} does not exist on this Windows version", true);
        }
        catch (CimOperationException e) when (e.Failure == CimFailure.AccessDenied)
        {
            return new CimQueryResult(null, $"reading {className} was denied (run elevated)", false);
        }
        catch (CimOperationException e)
        {
            return new CimQueryResult(null, $"reading {className} failed: {e.Message}", false);
        }
    }

    /// <summary>The instances, or none when the query failed.</summary>
    public IReadOnlyList<CimRecord> OrEmpty => Records ?? [];
}
