using DscOffload.Core.Recorded;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources.Echo;

/// <summary>
/// dsc's <c>Microsoft.DSC.Debug/Echo</c>, built into the engine: every operation gives back the <c>output</c> it was
/// given, so a document can show what an expression evaluates to (<c>config get</c>), and a test compares the
/// desired <c>output</c> with the echoed one. It touches nothing, on the live host or a recorded one.
/// </summary>
internal sealed class EchoResourceType : IResourceTypeProvider, ISettableResource, IExportableResource
{
    /// <summary>The type name, as dsc names its echo resource.</summary>
    public const string TypeName = "Microsoft.DSC.Debug/Echo";

    /// <inheritdoc/>
    public ResourceDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Version = "1.0.0",
        Description = "Echo resource for testing and debugging purposes: gives back its 'output'.",
        Platform = "Any",
        SetRequiresElevation = false,
        Properties =
        [
            new PropertyDescriptor { Name = "output", Type = PropertyType.Any, Description = "Any value; echoed back." },
            new PropertyDescriptor { Name = "showSecrets", Type = PropertyType.Boolean, Description = "Accepted as dsc's echo accepts it." },
        ],
    };

    /// <inheritdoc/>
    public IResourceType CreateLive() => this;

    /// <inheritdoc/>
    public IResourceType CreateRecorded(RecordedHost host) => this;

    /// <inheritdoc/>
    public GetOutcome Get(JObject input, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new GetOutcome(Echo(input));
    }

    /// <inheritdoc/>
    public TestOutcome Test(JObject desired, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var actual = Echo(desired);
        var same = JToken.DeepEquals(desired["output"], actual["output"]);
        return new TestOutcome((JObject)desired.DeepClone(), actual, same, same ? [] : ["output"]);
    }

    /// <inheritdoc/>
    public SetOutcome Set(JObject desired, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var state = Echo(desired);
        return new SetOutcome(state, (JObject)state.DeepClone(), [], []);
    }

    /// <inheritdoc/>
    public IEnumerable<JObject> Export(JObject filter, OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return [Echo(filter)];
    }

    // dsc's echo writes back only what it reads: output, and showSecrets when given.
    private static JObject Echo(JObject input)
    {
        var state = new JObject { ["output"] = input["output"]?.DeepClone() ?? JValue.CreateNull() };
        if (input["showSecrets"] is { } show)
        {
            state["showSecrets"] = show.DeepClone();
        }

        return state;
    }
}
