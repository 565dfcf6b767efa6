namespace DscOffload.Architecture.Tests;

/// <summary>One namespace using another, with a file that shows it.</summary>
/// <param name="From">The namespace whose code uses the other.</param>
/// <param name="To">The namespace used.</param>
/// <param name="File">A source file (relative to the repository) where the use occurs.</param>
public sealed record NamespaceDependency(string From, string To, string File);
