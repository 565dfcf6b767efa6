namespace DscOffload.Windows.Cim;

/// <summary>
/// The narrow slice of CIM the offload platform needs: query instances of a class, modify properties
/// of one instance, invoke a method on one instance. The live implementation sits on
/// Microsoft.Management.Infrastructure; tests use an in-memory fake with the documented classes.
/// </summary>
/// <remarks>
/// <para>Failures are <see cref="CimOperationException"/>s. A class that does not exist on the host
/// (or whose namespace does not) is <see cref="CimFailure.ClassMissing"/> from <see cref="Query"/>;
/// a class that exists but has no matching instance is an empty list. The two differ on purpose:
/// the first selects the registry fallback, the second means "the adapter lacks the feature".</para>
/// <para><c>customOptions</c> are provider-specific operation options (the NetAdapter provider's
/// <c>IncludeHidden</c> and <c>NoRestart</c>, which its cmdlets pass). They are sent as optional:
/// a provider that does not know an option ignores it.</para>
/// <para>A failure carries the provider's error details when it sent any
/// (<see cref="CimOperationException.Details"/>), and is classified by <see cref="CimErrorClassifier"/>.</para>
/// </remarks>
internal interface ICimGateway
{
    /// <summary>
    /// Runs <c>SELECT * FROM <paramref name="className"/> [WHERE <paramref name="wqlFilter"/>]</c>
    /// in <paramref name="namespaceName"/>. The filter is WQL; literals in it must be escaped by the
    /// caller (see <see cref="WqlLiteral"/>).
    /// </summary>
    IReadOnlyList<CimRecord> Query(string namespaceName, string className, string? wqlFilter, IReadOnlyDictionary<string, object>? customOptions = null);

    /// <summary>
    /// Changes properties of the instance <paramref name="instance"/> identifies (by its key
    /// properties) with one CIM ModifyInstance. Values are .NET values that fit each property's CIM
    /// type (<see cref="bool"/>, <see cref="byte"/>, <see cref="uint"/>, <see cref="string"/>,
    /// <see cref="string"/>[]).
    /// </summary>
    void Modify(CimRecord instance, IReadOnlyDictionary<string, object?> changes, IReadOnlyDictionary<string, object>? customOptions = null);

    /// <summary>
    /// Invokes a method on the instance <paramref name="instance"/> identifies and returns its out
    /// parameters plus <c>ReturnValue</c>. A non-zero return value is not an error here: its meaning
    /// depends on the method, so the caller interprets it.
    /// </summary>
    IReadOnlyDictionary<string, object?> Invoke(CimRecord instance, string method, IReadOnlyDictionary<string, object?> args);
}
