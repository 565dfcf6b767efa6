using DscOffload.Core.Adapters;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Resources.NetAdapterOffload;

/// <summary>
/// The processors RSS may use on an adapter: "Standardized INF Keywords for RSS" (learn.microsoft.com,
/// windows-hardware/drivers/network) says the base group and number form the first candidate processor and the max group
/// and number the last, in group:number order. A desired state whose first processor comes after its last leaves RSS no
/// processor at all, so it is refused on every path (test, what-if, set) before anything changes. Each of the four values
/// is the document's where it gives one, else the adapter's own; an adapter that does not report all four is not judged.
/// </summary>
internal static class RssProcessorRange
{
    private const string BaseGroup = "rssBaseProcessorGroup";
    private const string BaseNumber = "rssBaseProcessorNumber";
    private const string MaxGroup = "rssMaxProcessorGroup";
    private const string MaxNumber = "rssMaxProcessorNumber";

    private static readonly string[] Names = [BaseGroup, BaseNumber, MaxGroup, MaxNumber];

    /// <summary>Refuses a document whose RSS base processor comes after its max processor on any matched adapter.</summary>
    /// <exception cref="DscOffloadException"><c>ValidationFailed</c>, at the first of the four values the document gives.</exception>
    public static void Check(JObject desired, IReadOnlyList<AdapterSnapshot> matched)
    {
        var given = Names.Select(n => desired[n]).FirstOrDefault(v => v is { Type: JTokenType.Integer });
        if (given is null)
        {
            return;
        }

        foreach (var adapter in matched)
        {
            if (Value(desired, adapter, BaseGroup) is not { } baseGroup || Value(desired, adapter, BaseNumber) is not { } baseNumber
                || Value(desired, adapter, MaxGroup) is not { } maxGroup || Value(desired, adapter, MaxNumber) is not { } maxNumber)
            {
                continue;
            }

            if (baseGroup > maxGroup || (baseGroup == maxGroup && baseNumber > maxNumber))
            {
                throw new DscOffloadException(ErrorKind.ValidationFailed,
                    $"adapter '{adapter.Adapter.Name}': the RSS base processor {baseGroup}:{baseNumber} ({BaseGroup}:{BaseNumber}) comes after the max processor "
                    + $"{maxGroup}:{maxNumber} ({MaxGroup}:{MaxNumber}), which leaves RSS no processor; nothing was changed", given.Location());
            }
        }
    }

    /// <summary>
    /// Warns once per adapter and processor when the document gives a processor number without its group while the adapter's
    /// group is not 0: the number then names a processor in that group, which on a host with one group it would not. The
    /// keyword page asks for the max processor group keyword whenever the max processor number keyword is given.
    /// </summary>
    public static void WarnNumberWithoutGroup(IReadOnlyList<AdapterSnapshot> adapters, JObject desired, OperationContext context, ISet<string> warned)
    {
        foreach (var (number, group) in new[] { (BaseNumber, BaseGroup), (MaxNumber, MaxGroup) })
        {
            if (desired[number] is not { Type: JTokenType.Integer } wanted || desired[group] is { Type: JTokenType.Integer })
            {
                continue;
            }

            foreach (var adapter in adapters)
            {
                if (Value(desired, adapter, group) is { } actualGroup && actualGroup != 0 && warned.Add($"{adapter.Adapter.Name}/{number}"))
                {
                    context.Warn($"'{adapter.Adapter.Name}' {number}: given without {group}, so it names processor {actualGroup}:{wanted} in the adapter's "
                        + $"current group {actualGroup}; give {group} as well to say which group is meant");
                }
            }
        }
    }

    private static long? Value(JObject desired, AdapterSnapshot adapter, string name) =>
        desired[name] is { Type: JTokenType.Integer } wanted
            ? wanted.Value<long>()
            : adapter.Get(new SettingKey(name)).Value is { Type: JTokenType.Integer } actual ? actual.Value<long>() : null;
}
