namespace DscOffload.Core.Resources;

/// <summary>A message a resource reports while it works.</summary>
public sealed record ResourceMessage(MessageLevel Level, string Text);
