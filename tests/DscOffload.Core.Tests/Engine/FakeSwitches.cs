using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Engine;

/// <summary>
/// A resource type over an in-memory set of named switches (<c>{"name": "a", "on": true}</c>), for running the
/// engine without a platform: it records the order in which instances are set, and fails the set of the
/// switches named in <see cref="FailingSets"/> (after changing them when <see cref="FailAfterChange"/> is true).
/// </summary>
internal sealed class FakeSwitches : IResourceTypeProvider, ISettableResource
{
    public const string TypeName = "DscOffload.Test/Switch";

    public Dictionary<string, bool> On { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FailingSets { get; } = new(StringComparer.Ordinal);

    public bool FailAfterChange { get; init; }

    public List<string> SetOrder { get; } = [];

    /// <summary>For each test, whether its context said that information messages are read.</summary>
    public List<bool> TestsWantingInformation { get; } = [];

    public ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = "0.1.0",
        Description = "In-memory switches for engine tests.",
        Platform = "Test",
        SetRequiresElevation = false,
        Properties =
        [
            new PropertyDescriptor { Name = "name", Type = PropertyType.String, IsKey = true },
            new PropertyDescriptor { Name = "on", Type = PropertyType.Boolean },
        ],
    };

    public IResourceType CreateLive() => this;

    public IResourceType CreateRecorded(RecordedHost host) => this;

    public GetOutcome Get(JObject input, OperationContext context) => new(State(Name(input)));

    public TestOutcome Test(JObject desired, OperationContext context)
    {
        TestsWantingInformation.Add(context.Wants(MessageLevel.Information));
        var actual = State(Name(desired));
        var differs = desired["on"] is { } on && on.Value<bool>() != actual["on"]!.Value<bool>();
        return new TestOutcome(desired, actual, !differs, differs ? ["on"] : []);
    }

    public SetOutcome Set(JObject desired, OperationContext context)
    {
        var name = Name(desired);
        var test = Test(desired, context);
        if (FailingSets.Contains(name))
        {
            if (!FailAfterChange)
            {
                throw new DscOffloadException(ErrorKind.NotSupported, $"switch {name} is stuck; nothing was changed");
            }

            On[name] = desired["on"]!.Value<bool>();
            var applied = new SetOutcome(test.ActualState, State(name), ["on"], []);
            throw new PartialApplyException($"switch {name} changed and then failed to confirm", applied);
        }

        if (!context.WhatIf && !test.InDesiredState)
        {
            SetOrder.Add(name);
            On[name] = desired["on"]!.Value<bool>();
        }

        var after = context.WhatIf ? (JObject)desired.DeepClone() : State(name);
        return new SetOutcome(test.ActualState, after, test.DifferingProperties, []);
    }

    private JObject State(string name) => new() { ["name"] = name, ["on"] = On.GetValueOrDefault(name) };

    private static string Name(JObject input) => input["name"]!.Value<string>()!;
}
