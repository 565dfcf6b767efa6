using DscOffload.Core.Resources;

namespace DscOffload.Core.Coexistence;

/// <summary>A coexistence warning about one instance of a document, as it goes into the result's <c>messages</c>.</summary>
/// <param name="InstanceName">The instance the advice is about.</param>
/// <param name="Type">Its resource type.</param>
/// <param name="Level">Warning when the offload will not be used or the document contradicts itself; information when it depends.</param>
/// <param name="Text">One line: the offload, the setting, the condition with its evidence, the source and what it means.</param>
internal sealed record CoexistenceAdvice(string InstanceName, string Type, MessageLevel Level, string Text);
