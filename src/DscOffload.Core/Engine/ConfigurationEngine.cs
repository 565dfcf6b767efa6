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
        var messages = configuration.Warnings.Select(w => new RunMessage("", "", MessageLevel.Warning, w)).ToList();
        var failures = new FailureTally();
        var allInDesiredState = true;
        var changed = false;
        PreparedInstance? failedSet = null;
        foreach (var item in configuration.Instances)
        {
            var instance = item.Instance;
            if (failedSet is not null)
            {
                messages.Add(new RunMessage(instance.Name, instance.Type, MessageLevel.Warning,
                    $"not run because '{failedSet.Instance.Name}' failed; set stops at the first failure"));
                continue;
            }

            var instanceClock = Stopwatch.StartNew();
            var context = new OperationContext(m => Collect(messages, instance, m), target.Name)
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
                        allInDesiredState &= test.InDesiredState;
                        break;
                    default:
                        set = resource is ITestableResource { Descriptor.CanSet: false } assertion
                            ? Assert(assertion, input, context)
                            : Set(Require<ISettableResource>(resource, "set"), item, input, context, target, gate);
                        changed |= !set.ChangedNothing;
                        allInDesiredState &= set.ChangedNothing;
                        restarts = set.RestartRequired;
                        break;
                }
            }
            catch (PartialApplyException e)
            {
                set = e.Applied;
                error = e.OneLine;
                changed = true;
                Fail(messages, instance, e, failures);
                failedSet = item;
            }
            catch (DscOffloadException e)
            {
                error = e.OneLine;
                allInDesiredState = false;
                Fail(messages, instance, e, failures);
                if (operation == EngineOperation.Set)
                {
                    failedSet = item;
                }
            }

            results.Add(new InstanceResult
            {
                Name = instance.Name,
                Type = instance.Type,
                Location = instance.Location,
                Duration = instanceClock.Elapsed,
                ActualState = actual,
                Test = test,
                Set = set,
                RestartRequired = restarts,
                Error = error,
                ResourceMetadata = LiftMetadata(set),
            });
            _options.AfterInstance?.Invoke(instance);
        }

        foreach (var advisor in _options.Advisors)
        {
            messages.AddRange(advisor.Advise(operation, configuration, results, target).Where(a => a.Level <= _options.MessageLevel));
        }

        return new EngineRun
        {
            Info = Info(operation, started, clock.Elapsed, target, configuration.DocumentPath),
            Results = results,
            Messages = messages,
            HadErrors = failures.HadErrors,
            FirstError = failures.First,
            InDesiredState = allInDesiredState && !failures.HadErrors,
            Changed = changed,
        };
    }

    private EngineRun Export(PreparedConfiguration configuration, HostTarget target)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var resources = new List<ExportedInstance>();
        var messages = new List<RunMessage>();
        var failures = new FailureTally();
        foreach (var item in configuration.Instances)
        {
            var context = new OperationContext(m => Collect(messages, item.Instance, m), target.Name);
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
                Fail(messages, item.Instance, e, failures);
            }
        }

        return new EngineRun
        {
            Info = Info(EngineOperation.Export, started, clock.Elapsed, target, configuration.DocumentPath),
            Exported = resources,
            Messages = messages,
            HadErrors = failures.HadErrors,
            FirstError = failures.First,
            InDesiredState = !failures.HadErrors,
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

    private void Fail(List<RunMessage> messages, EngineInstance instance, DscOffloadException e, FailureTally failures)
    {
        failures.Add(e.Kind);
        messages.Add(new RunMessage(instance.Name, instance.Type, MessageLevel.Error, e.OneLine));
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

    /// <summary>Whether any instance failed, and the kind of the first failure.</summary>
    private sealed class FailureTally
    {
        public bool HadErrors { get; private set; }

        public ErrorKind? First { get; private set; }

        public void Add(ErrorKind kind)
        {
            HadErrors = true;
            First ??= kind;
        }
    }
}
