namespace DscOffload.Core.Expressions;

/// <summary>How many arguments a built-in function takes and which kinds each position accepts.</summary>
/// <param name="Min">Fewest arguments.</param>
/// <param name="Max">Most arguments (<see cref="int.MaxValue"/> for any number).</param>
/// <param name="Ordered">Accepted kind letters per leading position, comma-separated (see <see cref="BuiltInFunctionSignatures"/>).</param>
/// <param name="Remaining">Accepted kind letters for the positions after the ordered ones, or null.</param>
internal sealed record FunctionSignature(int Min, int Max, string Ordered, string? Remaining)
{
    private readonly string[] positions = Ordered.Length == 0 ? [] : Ordered.Split(',');

    /// <summary>The accepted kind letters at argument <paramref name="index"/>, or null when anything goes.</summary>
    public string? KindsAt(int index) => index < positions.Length ? positions[index] : Remaining;

    /// <summary>The arity part of an error, in dsc's terms ("2", "at least 1", "0 to 2").</summary>
    public string DescribeCount() =>
        Min == Max ? $"{Min}" : Max == int.MaxValue ? $"at least {Min}" : $"{Min} to {Max}";
}
