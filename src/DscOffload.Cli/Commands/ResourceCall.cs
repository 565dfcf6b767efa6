using DscOffload.Core.Protocol;

namespace DscOffload.Cli.Commands;

/// <summary>One <c>dscoffload resource …</c> call as read from the command line.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Type">The resource type name as given.</param>
/// <param name="Input">The <c>--input</c> text; null or empty means stdin (when redirected) or no input.</param>
/// <param name="WhatIf">Whether <c>--what-if</c> was given (set only).</param>
internal sealed record ResourceCall(ResourceOperation Operation, string Type, string? Input, bool WhatIf);
