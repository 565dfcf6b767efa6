using DscOffload.Core.Resources;

namespace DscOffload.Core.Engine;

/// <summary>One entry of a run's <c>messages</c>: a resource's message, a failure, a skipped instance or an advisor's advice.</summary>
/// <param name="Name">The instance it is about (empty for the run as a whole).</param>
/// <param name="Type">The instance's resource type (empty for the run as a whole).</param>
/// <param name="Level">How severe it is.</param>
/// <param name="Text">One line.</param>
public sealed record RunMessage(string Name, string Type, MessageLevel Level, string Text);
