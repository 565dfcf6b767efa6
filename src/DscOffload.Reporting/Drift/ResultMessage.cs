namespace DscOffload.Reporting.Drift;

/// <summary>
/// A message the engine attached to a host's result (the <c>messages</c> array of the DSC result), for example
/// "no adapter matches 'Ethernet*'". Shown next to the drift so an operator sees why a result looks as it does.
/// </summary>
/// <param name="Instance">The instance the message is about, when it names one.</param>
/// <param name="ResourceType">The resource type of that instance, when given.</param>
/// <param name="Level">The DSC message level (<c>error</c>, <c>warning</c>, <c>info</c>).</param>
/// <param name="Text">The message itself.</param>
public sealed record ResultMessage(string? Instance, string? ResourceType, string Level, string Text);
