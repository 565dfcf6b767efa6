namespace DscOffload.Core.Expressions;

/// <summary>Names and argument counts of the supported functions (a switch, not a table built at start-up).</summary>
internal static class ExpressionFunctionCatalog
{
    /// <summary>The supported names, alphabetically, for error messages.</summary>
    public const string SupportedNames = "and, concat, equals, false, if, not, or, parameters, resourceId, true, variables";

    /// <summary>Looks a function up by its exact (case-sensitive) name, as <c>dsc</c> does.</summary>
    public static ExpressionFunction? Find(string name) => name switch
    {
        "and" => ExpressionFunction.And,
        "concat" => ExpressionFunction.Concat,
        "equals" => ExpressionFunction.Equals,
        "false" => ExpressionFunction.False,
        "if" => ExpressionFunction.If,
        "not" => ExpressionFunction.Not,
        "or" => ExpressionFunction.Or,
        "parameters" => ExpressionFunction.Parameters,
        "resourceId" => ExpressionFunction.ResourceId,
        "true" => ExpressionFunction.True,
        "variables" => ExpressionFunction.Variables,
        _ => null,
    };

    /// <summary>The supported name that differs from <paramref name="name"/> only in case, if any.</summary>
    public static string? CaseInsensitiveMatch(string name)
    {
        foreach (var candidate in SupportedNames.Split(", "))
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string NameOf(ExpressionFunction function) => function switch
    {
        ExpressionFunction.And => "and",
        ExpressionFunction.Concat => "concat",
        ExpressionFunction.Equals => "equals",
        ExpressionFunction.False => "false",
        ExpressionFunction.If => "if",
        ExpressionFunction.Not => "not",
        ExpressionFunction.Or => "or",
        ExpressionFunction.Parameters => "parameters",
        ExpressionFunction.ResourceId => "resourceId",
        ExpressionFunction.True => "true",
        _ => "variables",
    };

    /// <summary>Smallest and largest argument count (<see cref="int.MaxValue"/> for "any number").</summary>
    public static (int Min, int Max) Arity(ExpressionFunction function) => function switch
    {
        ExpressionFunction.And or ExpressionFunction.Or => (2, int.MaxValue),
        ExpressionFunction.Concat => (1, int.MaxValue),
        ExpressionFunction.Equals or ExpressionFunction.ResourceId => (2, 2),
        ExpressionFunction.If => (3, 3),
        ExpressionFunction.True or ExpressionFunction.False => (0, 0),
        _ => (1, 1),
    };
}
