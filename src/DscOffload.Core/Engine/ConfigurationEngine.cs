using System.Diagnostics;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using DscOffload.Core.Schemas;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// Runs a prepared document against one target, instance by instance in dependency order:
/// get → diff → (set → get → verify) → result, producing typed results (<see cref="EngineRun"/>) that
/// <see cref="EnvelopeWriter"/> writes as the envelope of <c>dsc config get|test|set</c>.
/// The same code serves the live host and recorded hosts.
/// </summary>
public sealed class ConfigurationEngine
{
    private readonly ResourceCatalog _catalog;
    private readonly EngineOptions _options;

    /// <summary>Creates an engine over the known resource types.</summary>
    public ConfigurationEngine(ResourceCatalog catalog, EngineOptions options)
    {
        _catalog = catalog;
        _options = options;
    }

    /// <summary>
    /// Checks every instance before anything runs: known type (or skipped foreign type) and valid
    /// properties. Throws the first problem with its document location.
    /// </summary>
    public PreparedConfiguration Prepare(string documentPath, IReadOnlyList<EngineInstance> instances)
    {
        var prepared = new List<PreparedInstance>(instances.Count);
        var warnings = new List<string>();
        foreach (var instance in instances)
        {
            var provider = _catalog.Find(instance.Type);
            if (provider is null)
            {
                var message = $"'{instance.Name}' has type '{instance.Type}', which is not a DscOffload resource type (known: {_catalog.TypeNames})";
                if (!_options.IgnoreForeignTypes)
                {
                    throw new DscOffloadException(ErrorKind.ValidationFailed,
                        message + "; run this document with dsc, or pass --ignore-foreign-types to skip it", instance.TypeLocation ?? instance.Location);
                }

                warnings.Add(message + "; skipped (--ignore-foreign-types)");
                continue;
            }

            ResourceInputValidator.Validate(provider.Descriptor, instance.Properties, documentPath);
            prepared.Add(new PreparedInstance(instance, provider));
        }

        return new PreparedConfiguration(documentPath, prepared, warnings);
    }

    /// <summary>
    /// Runs <paramref name="configuration"/> against <paramref name="target"/>; a live set calls
    /// <paramref name="gate"/> before each instance changes anything. A set stops at the first failing
    /// instance: the ones after it are reported as not run.
    /// </summary>
    public EngineRun Run(PreparedConfiguration configuration, HostTarget target, EngineOperation operation, IChangeGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(target);
        if (operation == EngineOperation.Export)
        {
            return Export(configuration, target);
        }

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var results = new List<InstanceResult>();
        var tally = new RunTally(configuration.Warnings.Select(w => new RunMessage("", "", MessageLevel.Warning, w)));
        PreparedInstance? failedSet = null;
        foreach (var item in configuration.Instances)
        {
            if (failedSet is not null)
            {
                tally.Messages.Add(new RunMessage(item.Instance.Name, item.Instance.Type, MessageLevel.Warning,
                    $"not run because '{failedSet.Instance.Name}' failed; set stops at the first failure"));
                continue;
            }

            var result = RunInstance(item, target, operation, gate, tally);
            results.Add(result);
            if (result.Error is not null && operation == EngineOperation.Set)
            {
                failedSet = item;
            }

            _options.AfterInstance?.Invoke(item.Instance);
        }

        foreach (var advisor in _options.Advisors)
        {
            tally.Messages.AddRange(advisor.Advise(operation, configuration, results, target).Where(a => a.Level <= _options.MessageLevel));
        }

        return new EngineRun
        {
            Info = Info(operation, started, clock.Elapsed, target, configuration.DocumentPath),
            Results = results,
            Messages = tally.Messages,
            HadErrors = tally.HadErrors,
            FirstError = tally.FirstError,
            InDesiredState = tally.AllInDesiredState && !tally.HadErrors,
            Changed = tally.Changed,
        };
    }

    /// <summary>
    /// Runs one instance: its outcome, or its error (with what a set applied before failing). A partially applied
    /// set counts as a change.
    /// </summary>
    private InstanceResult RunInstance(PreparedInstance item, HostTarget target, EngineOperation operation, IChangeGate? gate, RunTally tally)
    {
        var instance = item.Instance;
        var clock = Stopwatch.StartNew();
        var context = new OperationContext(m => Collect(tally.Messages, instance, m), target.Name)
        {
            WhatIf = _options.WhatIf,
            ReadOnlyTarget = target.IsRecorded,
            Cancellation = _options.Cancellation,
        };
        JObject? actual = null;
        TestOutcome? test = null;
        SetOutcome? set = null;
        IReadOnlyList<RestartRequirement> restarts = [];
        string? error = null;
        try
        {
            var resource = target.Resolve(item.Provider);
            var input = (JObject)instance.Properties.DeepCloneWithLocations();
            switch (operation)
            {
                case EngineOperation.Get:
                    actual = Require<IGettableResource>(resource, "get").Get(input, context).ActualState;
                    break;
                case EngineOperation.Test:
                    test = Require<ITestableResource>(resource, "test").Test(input, context);
                    tally.AllInDesiredState &= test.InDesiredState;
                    break;
                default:
                    set = resource is ITestableResource { Descriptor.CanSet: false } assertion
                        ? Assert(assertion, input, context)
                        : Set(Require<ISettableResource>(resource, "set"), item, input, context, target, gate);
                    tally.Changed |= !set.ChangedNothing;
                    tally.AllInDesiredState &= set.ChangedNothing;
                    restarts = set.RestartRequired;
                    break;
            }
        }
        catch (PartialApplyException e)
        {
            set = e.Applied;
            error = e.OneLine;
            tally.Changed = true;
            Fail(tally, instance, e);
        }
        catch (DscOffloadException e)
        {
            error = e.OneLine;
            tally.AllInDesiredState = false;
            Fail(tally, instance, e);
        }

        return new InstanceResult
        {
            Name = instance.Name,
            Type = instance.Type,
            Location = instance.Location,
            Duration = clock.Elapsed,
            ActualState = actual,
            Test = test,
            Set = set,
            RestartRequired = restarts,
            Error = error,
            ResourceMetadata = LiftMetadata(set),
        };
    }

    private EngineRun Export(PreparedConfiguration configuration, HostTarget target)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var resources = new List<ExportedInstance>();
        var tally = new RunTally([]);
        foreach (var item in configuration.Instances)
        {
            var context = new OperationContext(m => Collect(tally.Messages, item.Instance, m), target.Name);
            try
            {
                var resource = Require<IExportableResource>(target.Resolve(item.Provider), "export");
                foreach (var state in resource.Export((JObject)item.Instance.Properties.DeepClone(), context))
                {
                    var name = state["_name"]?.Value<string>() ?? $"{item.Provider.Descriptor.ShortName}-{resources.Count}";
                    state.Remove("_name");
                    resources.Add(new ExportedInstance(item.Provider.Descriptor.Type, name, state));
                }
            }
            catch (DscOffloadException e)
            {
                Fail(tally, item.Instance, e);
            }
        }

        return new EngineRun
        {
            Info = Info(EngineOperation.Export, started, clock.Elapsed, target, configuration.DocumentPath),
            Exported = resources,
            Messages = tally.Messages,
            HadErrors = tally.HadErrors,
            FirstError = tally.FirstError,
            InDesiredState = !tally.HadErrors,
        };
    }

    /// <summary>
    /// Set of a read-only type (OffloadCoexistence) is an assertion: nothing can be changed, so set
    /// tests and fails when the host is not in the asserted state, before the instances that depend on
    /// it run. What-if only warns, so the rest of the preview still runs.
    /// </summary>
    private static SetOutcome Assert(ITestableResource resource, JObject desired, OperationContext context)
    {
        var test = resource.Test(desired, context);
        if (!test.InDesiredState)
        {
            var message = $"{resource.Descriptor.Type} is read-only and the host differs in {string.Join(", ", test.DifferingProperties)}; nothing can be changed to satisfy it";
            if (!context.WhatIf)
            {
                throw new DscOffloadException(ErrorKind.NotSupported, message + "; set stops here");
            }

            context.Warn(message + "; a set would stop here");
        }

        return new SetOutcome(test.ActualState, (JObject)test.ActualState.DeepClone(), [], []);
    }

    private SetOutcome Set(ISettableResource resource, PreparedInstance item, JObject input, OperationContext context, HostTarget target, IChangeGate? gate)
    {
        if (gate is not null && !_options.WhatIf && !target.IsRecorded)
        {
            gate.BeforeSet(item.Instance, item.Provider.Descriptor, resource, (JObject)input.DeepCloneWithLocations());
        }

        return resource.Set(input, context);
    }

    private static T Require<T>(IResourceType resource, string operation) where T : class, IResourceType =>
        resource as T ?? throw new DscOffloadException(ErrorKind.NotSupported, $"{resource.Descriptor.Type} does not support {operation}");

    private void Collect(List<RunMessage> messages, EngineInstance instance, ResourceMessage m)
    {
        _options.OnMessage?.Invoke(m with { Text = $"{instance.Name}: {m.Text}" });
        if (m.Level <= _options.MessageLevel && m.Level <= MessageLevel.Information)
        {
            messages.Add(new RunMessage(instance.Name, instance.Type, m.Level, m.Text));
        }
    }

    private void Fail(RunTally tally, EngineInstance instance, DscOffloadException e)
    {
        tally.HadErrors = true;
        tally.FirstError ??= e.Kind;
        tally.Messages.Add(new RunMessage(instance.Name, instance.Type, MessageLevel.Error, e.OneLine));
        _options.OnMessage?.Invoke(new ResourceMessage(MessageLevel.Error, $"{instance.Name}: {e.OneLine}"));
    }

    /// <summary>dsc lifts <c>_metadata</c> out of a set's after-state into the instance metadata.</summary>
    private static JObject? LiftMetadata(SetOutcome? set)
    {
        if (set?.AfterState["_metadata"] is not JObject metadata)
        {
            return null;
        }

        metadata.Parent!.Remove();
        return metadata;
    }

    private RunInfo Info(EngineOperation operation, DateTimeOffset started, TimeSpan elapsed, HostTarget target, string documentPath) => new()
    {
        Operation = operation,
        IsWhatIf = _options.WhatIf && operation == EngineOperation.Set,
        Host = target.Name,
        IsRecorded = target.IsRecorded,
        SnapshotPath = target.SourcePath,
        DocumentPath = documentPath,
        Timing = new RunTiming(_options.Version, started, elapsed, Environment.IsPrivilegedProcess),
    };

    /// <summary>What a run has come to so far: its messages, failures, and whether it found drift or changed anything.</summary>
    private sealed class RunTally(IEnumerable<RunMessage> warnings)
    {
        public List<RunMessage> Messages { get; } = [.. warnings];

        public bool HadErrors { get; set; }

        public ErrorKind? FirstError { get; set; }

        public bool AllInDesiredState { get; set; } = true;

        public bool Changed { get; set; }
    }
}
