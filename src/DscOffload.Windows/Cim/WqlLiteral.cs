using System.Text;

namespace DscOffload.Windows.Cim;

/// <summary>
/// Builds WQL string literals and equality filters. WQL string literals use backslash escapes, so an
/// adapter name containing a quote or a backslash must be escaped or the query breaks (or matches
/// something else).
/// </summary>
internal static class WqlLiteral
{
    /// <summary>Quotes <paramref name="value"/> as a WQL string literal: <c>'…'</c> with <c>\</c>, <c>'</c> and <c>"</c> escaped by a backslash.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('\'');
        foreach (var c in value)
        {
            if (c is '\\' or '\'' or '"')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('\'').ToString();
    }

    /// <summary>The filter <c>Property = 'value'</c> with the value escaped.</summary>
    public static string EqualsFilter(string property, string value) => $"{property} = {Quote(value)}";
}
