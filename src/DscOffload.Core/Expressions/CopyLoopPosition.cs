namespace DscOffload.Core.Expressions;

/// <summary>The iteration of a <c>copy</c> loop an instance is being made for; <c>copyIndex()</c> reads it.</summary>
/// <param name="LoopName">The loop's <c>copy.name</c>.</param>
/// <param name="Index">Zero-based iteration.</param>
public sealed record CopyLoopPosition(string LoopName, int Index);
