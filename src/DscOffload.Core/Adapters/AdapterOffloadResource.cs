using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Adapters;

/// <summary>
/// The rules every per-adapter resource shares (README.md, "Resource types"), written once: pattern selection,
/// zero-match handling, not-applicable features, aggregation with the <c>adapters</c> detail, set one
/// adapter at a time with verification, stop at the first failure and say exactly what changed, and
/// export one instance per adapter. A platform type supplies only enumeration, reading, the meaning
/// of its properties and the write itself.
/// </summary>
internal abstract class AdapterOffloadResource : ISettableResource, IExportableResource
{
    // Hidden adapters the last selection would have matched, for the "no adapter matches" hint.
    private List<string> _hiddenMatches = [];

    /// <summary>Binds the shared logic to a descriptor.</summary>
    protected AdapterOffloadResource(ResourceDescriptor descriptor) => Descriptor = descriptor;

    /// <inheritdoc />
    public ResourceDescriptor Descriptor { get; }

    /// <summary>Selection properties echoed into output (<c>name</c>, <c>excludeName</c>, …).</summary>
    protected abstract IReadOnlyList<string> SelectionProperties { get; }

    /// <summary>Reads the selection from validated input.</summary>
    protected abstract AdapterSelector ReadSelector(JObject input);

    /// <summary>All adapters of the target, sorted by name.</summary>
    protected abstract IReadOnlyList<AdapterCandidate> ListAdapters();

    /// <summary>Reads every setting of one adapter.</summary>
    protected abstract AdapterSnapshot Read(AdapterCandidate adapter);

    /// <summary>
    /// Turns desired input into settings (expanding aliases, checking names against what the
    /// target knows). <paramref name="matched"/> may be empty.
    /// </summary>
    protected abstract IReadOnlyList<DesiredSetting> ReadDesired(JObject desired, IReadOnlyList<AdapterSnapshot> matched);

    /// <summary>
    /// Writes the changeable differences of one adapter. Called only outside what-if, only when
    /// something differs. The base re-reads and verifies afterwards.
    /// </summary>
    protected abstract AdapterApplyReport Apply(AdapterComparison comparison, JObject desired, OperationContext context);

    /// <summary>
    /// Selection properties for an exported instance of exactly this adapter. An adapter hidden by default (Linux
    /// <c>lo</c>, a hidden Windows adapter) is exported with its <see cref="HiddenSelectionProperty"/> true, so the
    /// instance selects it again when applied or tested on the host it came from. The name is written as the pattern
    /// that matches exactly it (<see cref="WildcardPattern.Escape"/>).
    /// </summary>
    protected virtual JObject ExportSelection(AdapterSnapshot adapter)
    {
        // Escaped, so a name containing * or ? (possible on both platforms) selects only this adapter when applied.
        var selection = new JObject { ["name"] = WildcardPattern.Escape(adapter.Adapter.Name) };
        if (adapter.Adapter.HiddenByDefault)
        {
            selection[HiddenSelectionProperty] = true;
        }

        return selection;
    }

    /// <summary>
    /// Last step of export: makes the exported instance valid input of this type, so an export always validates and
    /// applies as a document. The default changes nothing.
    /// </summary>
    protected virtual JObject CompleteExport(JObject instance) => instance;

    /// <summary>Checks preconditions of a live set (privileges) before anything is changed.</summary>
    protected virtual void EnsureCanChange(OperationContext context)
    {
    }

    /// <summary>
    /// Adds to freshly read adapters the settings whose actual value depends on the desired state as well
    /// as on the adapter (Linux: whether the interface's systemd <c>.link</c> file says what is desired), so
    /// that comparison, what-if, verification and the changed-property report treat them like any other
    /// setting. Called in get, test and set once the matched adapters are read, and again after each
    /// adapter is changed, always before anything else looks at the snapshots. <paramref name="settings"/>
    /// is null in get, which has not interpreted the desired state. The default adds nothing.
    /// </summary>
    protected virtual IReadOnlyList<AdapterSnapshot> RelateToDesired(
        IReadOnlyList<AdapterSnapshot> adapters, JObject desired, IReadOnlyList<DesiredSetting>? settings, OperationContext context) => adapters;

    /// <summary>
    /// Adds read-only facts derived from an adapter's settings to its <c>adapters</c> entry (in every
    /// operation, including what-if predictions, so derived facts follow the predicted settings).
    /// The default adds nothing.
    /// </summary>
    protected virtual void DescribeAdapter(JObject entry, AdapterSnapshot adapter)
    {
    }

    /// <summary>The property that selects adapters hidden by default (Windows: <c>includeHidden</c>; Linux: <c>includeLoopback</c>).</summary>
    protected virtual string HiddenSelectionProperty => "includeHidden";

    /// <inheritdoc />
    public GetOutcome Get(JObject input, OperationContext context)
    {
        var selector = ReadSelector(input);
        var snapshots = RelateToDesired(ReadMatched(selector), input, null, context);
        var state = StateBuilder().Full(input, snapshots);
        if (state["name"] is null)
        {
            // dsc's `resource get` without input sends none: the state still names the pattern it read, as the schema requires.
            state.AddFirst(new JProperty("name", selector.NamePattern));
        }

        if (snapshots.Count == 0)
        {
            context.Info(NoMatch(selector));
        }

        return new GetOutcome(state);
    }

    /// <inheritdoc />
    public TestOutcome Test(JObject desired, OperationContext context)
    {
        var selector = ReadSelector(desired);
        IReadOnlyList<AdapterSnapshot> snapshots = ReadMatched(selector);
        var settings = ReadDesired(desired, snapshots);
        snapshots = RelateToDesired(snapshots, desired, settings, context);
        var comparisons = Compare(snapshots, settings);
        AdapterDifferenceReport.Announce(comparisons, context);

        var inDesiredState = (snapshots.Count > 0 || selector.AllowNoMatch) && comparisons.TrueForAll(c => c.InDesiredState);
        var differing = AdapterDifferenceReport.DifferingProperties(comparisons);
        if (snapshots.Count == 0 && !selector.AllowNoMatch)
        {
            context.Warn(NoMatch(selector));
            differing = ["name"];
        }

        var state = StateBuilder();
        var actual = state.Slim(desired, snapshots, settings, comparisons);
        actual["_inDesiredState"] = inDesiredState;
        return new TestOutcome(state.NormalizedDesired(desired, settings), actual, inDesiredState, differing);
    }

    /// <inheritdoc />
    public SetOutcome Set(JObject desired, OperationContext context)
    {
        var selector = ReadSelector(desired);
        var state = StateBuilder();
        IReadOnlyList<AdapterSnapshot> snapshots = ReadMatched(selector);
        if (snapshots.Count == 0)
        {
            if (selector.AllowNoMatch)
            {
                context.Info($"{NoMatch(selector)}; allowNoMatch is set, nothing to do");
                var empty = state.Slim(desired, snapshots, [], []);
                return new SetOutcome(empty, (JObject)empty.DeepClone(), [], []);
            }

            throw new DscOffloadException(ErrorKind.NoMatch, NoMatch(selector), desired["name"].Location());
        }

        var settings = ReadDesired(desired, snapshots);
        snapshots = RelateToDesired(snapshots, desired, settings, context);
        var comparisons = snapshots.Select(s => AdapterComparison.Compare(s, settings)).ToList();
        AdapterDifferenceReport.Announce(comparisons, context);
        AdapterDifferenceReport.RefuseUnchangeable(comparisons, desired);

        var before = state.Slim(desired, snapshots, settings, comparisons);
        if (comparisons.All(c => c.InDesiredState))
        {
            context.Info($"{Descriptor.ShortName} {selector.Describe()}: already in desired state; nothing changed");
            return new SetOutcome(before, (JObject)before.DeepClone(), [], []);
        }

        if (context.WhatIf)
        {
            return AdapterChangePrediction.Predict(state, desired, settings, comparisons, before, context);
        }

        if (context.ReadOnlyTarget)
        {
            throw new DscOffloadException(ErrorKind.NotAllowed, "recorded state is read-only; use --what-if to preview a set");
        }

        EnsureCanChange(context);
        var run = new AdapterSetRun(state, desired, settings, comparisons, before, context,
            c => Apply(c, desired, context),
            adapter => RelateToDesired([Read(adapter)], desired, settings, context)[0]);
        return run.Run();
    }

    /// <inheritdoc />
    public IEnumerable<JObject> Export(JObject filter, OperationContext context)
    {
        var all = ListAdapters();
        AdapterSelector? selector = filter["name"] is { Type: JTokenType.String } ? ReadSelector(filter) : null;
        foreach (var adapter in all)
        {
            if (selector is not null && !selector.Matches(adapter))
            {
                continue;
            }

            var s = Read(adapter);
            yield return CompleteExport(AdapterStateBuilder.ExportInstance(ExportSelection(s), s));
        }
    }

    // A loop, not Select(...).ToList(): test runs it for every host of a fleet.
    private static List<AdapterComparison> Compare(IReadOnlyList<AdapterSnapshot> snapshots, IReadOnlyList<DesiredSetting> settings)
    {
        var comparisons = new List<AdapterComparison>(snapshots.Count);
        foreach (var s in snapshots)
        {
            comparisons.Add(AdapterComparison.Compare(s, settings));
        }

        return comparisons;
    }

    private AdapterStateBuilder StateBuilder() => new(SelectionProperties, DescribeAdapter);

    private List<AdapterSnapshot> ReadMatched(AdapterSelector selector)
    {
        var result = new List<AdapterSnapshot>();
        _hiddenMatches = [];
        foreach (var adapter in ListAdapters())
        {
            if (selector.Matches(adapter))
            {
                result.Add(Read(adapter));
            }
            else if (adapter.HiddenByDefault && selector.MatchesIgnoringHidden(adapter))
            {
                _hiddenMatches.Add(adapter.Name);
            }
        }

        return result;
    }

    // "no adapter matches …", saying which hidden adapters the selection left out and the flag that includes them:
    // selecting 'lo' without includeLoopback is the common surprise.
    private string NoMatch(AdapterSelector selector) => _hiddenMatches.Count == 0
        ? $"no adapter matches {selector.Describe()}"
        : $"no adapter matches {selector.Describe()}; {string.Join(", ", _hiddenMatches.Select(n => $"'{n}'"))} " +
          $"{(_hiddenMatches.Count == 1 ? "is" : "are")} left out unless {HiddenSelectionProperty} is true";
}
