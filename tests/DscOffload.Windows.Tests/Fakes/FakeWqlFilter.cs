using System.Text;
using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Tests.Fakes;

/// <summary>
/// The part of WQL the platform emits: <c>Prop = 'literal'</c> terms joined by <c>AND</c>, literals in
/// single or double quotes with backslash escapes, comparisons case-insensitive as in WQL. Anything
/// else is an invalid query, as a real provider would report.
/// </summary>
internal sealed class FakeWqlFilter
{
    private readonly List<KeyValuePair<string, string>> terms;

    private FakeWqlFilter(List<KeyValuePair<string, string>> terms) => this.terms = terms;

    /// <summary>The parsed <c>property = value</c> terms (values unescaped).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Terms => terms;

    public static FakeWqlFilter Parse(string filter)
    {
        var terms = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (true)
        {
            SkipSpaces(filter, ref i);
            var start = i;
            while (i < filter.Length && (char.IsAsciiLetterOrDigit(filter[i]) || filter[i] == '_'))
            {
                i++;
            }

            var property = filter[start..i];
            SkipSpaces(filter, ref i);
            if (property.Length == 0 || i >= filter.Length || filter[i] != '=')
            {
                throw Invalid(filter);
            }

            i++;
            SkipSpaces(filter, ref i);
            if (i >= filter.Length || filter[i] is not ('\'' or '"'))
            {
                throw Invalid(filter);
            }

            var quote = filter[i++];
            var value = new StringBuilder();
            while (true)
            {
                if (i >= filter.Length)
                {
                    throw Invalid(filter);
                }

                var c = filter[i++];
                if (c == '\\')
                {
                    if (i >= filter.Length)
                    {
                        throw Invalid(filter);
                    }

                    value.Append(filter[i++]);
                }
                else if (c == quote)
                {
                    break;
                }
                else
                {
                    value.Append(c);
                }
            }

            terms.Add(new(property, value.ToString()));
            SkipSpaces(filter, ref i);
            if (i == filter.Length)
            {
                return new FakeWqlFilter(terms);
            }

            if (filter.Length - i < 4 || !filter.AsSpan(i, 3).Equals("AND", StringComparison.OrdinalIgnoreCase) || filter[i + 3] != ' ')
            {
                throw Invalid(filter);
            }

            i += 3;
        }
    }

    public bool Matches(CimRecord record) =>
        terms.All(t => record[t.Key]?.Value is string s && string.Equals(s, t.Value, StringComparison.OrdinalIgnoreCase));

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }
    }

    private static CimOperationException Invalid(string filter) =>
        new(CimFailure.InvalidQuery, $"invalid WQL filter: {filter}");
}
