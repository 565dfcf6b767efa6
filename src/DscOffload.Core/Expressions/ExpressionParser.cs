using System.Globalization;
using System.Text;
using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Hand-written recursive-descent parser for the expression inside <c>[…]</c>:
/// <code>
/// expression := call accessor*
/// call       := name '(' ( argument ( ',' argument )* )? ')'
/// accessor   := '.' name | '[' argument ']'
/// argument   := 'string with '' as a quote' | integer | expression
/// </code>
/// Blanks are allowed around arguments. Unknown functions and wrong argument counts are found here,
/// so that they are reported even inside a branch of <c>if</c> that is not taken.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Nested calls deeper than this are rejected (keeps recursion bounded).</summary>
    private const int MaxDepth = 64;

    private readonly string text;
    private readonly int end;
    private readonly SourceLocation? at;
    private int pos;
    private int depth;

    private ExpressionParser(string text, SourceLocation? at)
    {
        this.text = text;
        this.at = at;
        end = text.Length - 1;
        pos = 1;
    }

    /// <summary>Parses <paramref name="text"/>, which starts with <c>[</c> and ends with <c>]</c>.</summary>
    public static ExpressionNode Parse(string text, SourceLocation? at)
    {
        var parser = new ExpressionParser(text, at);
        parser.SkipBlanks();
        var node = parser.ParseExpression();
        parser.SkipBlanks();
        if (parser.pos != parser.end)
        {
            throw parser.Syntax("unexpected text after the expression");
        }

        return node;
    }

    private ExpressionNode ParseExpression()
    {
        if (++depth > MaxDepth)
        {
            throw Syntax($"function calls are nested deeper than {MaxDepth} levels");
        }

        ExpressionNode node = ParseCall();
        while (pos < end)
        {
            if (text[pos] == '.')
            {
                pos++;
                var name = ReadName() ?? throw Syntax("expected a property name after '.'");
                node = new MemberNode(node, name);
            }
            else if (text[pos] == '[')
            {
                pos++;
                SkipBlanks();
                var index = ParseArgument();
                SkipBlanks();
                Expect(']');
                node = new IndexNode(node, index);
            }
            else
            {
                break;
            }
        }

        depth--;
        return node;
    }

    private CallNode ParseCall()
    {
        var nameStart = pos;
        var name = ReadName() ?? throw Syntax("expected a function call such as parameters('name')");
        var function = ExpressionFunctionCatalog.Find(name);
        if (function is null)
        {
            var hint = ExpressionFunctionCatalog.CaseInsensitiveMatch(name) is { } match ? $" (did you mean '{match}'? names are case-sensitive)" : string.Empty;
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"unknown function '{name}'{hint}; supported: {ExpressionFunctionCatalog.SupportedNames}",
                at);
        }

        if (pos >= end || text[pos] != '(')
        {
            pos = nameStart + name.Length;
            throw Syntax($"expected '(' after '{name}'");
        }

        pos++;
        SkipBlanks();
        var arguments = new List<ExpressionNode>();
        if (pos < end && text[pos] == ')')
        {
            pos++;
        }
        else
        {
            while (true)
            {
                arguments.Add(ParseArgument());
                SkipBlanks();
                if (pos < end && text[pos] == ',')
                {
                    pos++;
                    SkipBlanks();
                    continue;
                }

                Expect(')');
                break;
            }
        }

        var (min, max) = ExpressionFunctionCatalog.Arity(function.Value);
        if (arguments.Count < min || arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"{name}() takes {expected} argument{(expected == "1" ? string.Empty : "s")}; got {arguments.Count}",
                at);
        }

        return new CallNode(function.Value, arguments.ToArray());
    }

    private ExpressionNode ParseArgument()
    {
        if (pos >= end)
        {
            throw Syntax("expected an argument");
        }

        var c = text[pos];
        if (c == '\'')
        {
            return new LiteralNode(new JValue(ReadString()));
        }

        if (char.IsAsciiDigit(c) || c == '-')
        {
            return new LiteralNode(new JValue(ReadInteger()));
        }

        if (char.IsAsciiLetter(c))
        {
            return ParseExpression();
        }

        throw Syntax("expected a string in single quotes, an integer or a function call");
    }

    private string ReadString()
    {
        var start = pos;
        pos++;
        StringBuilder? value = null;
        var runStart = pos;
        while (pos < end)
        {
            if (text[pos] == '\'')
            {
                if (pos + 1 < end && text[pos + 1] == '\'')
                {
                    value ??= new StringBuilder();
                    value.Append(text, runStart, pos + 1 - runStart);
                    pos += 2;
                    runStart = pos;
                    continue;
                }

                var result = value is null
                    ? text[runStart..pos]
                    : value.Append(text, runStart, pos - runStart).ToString();
                pos++;
                return result;
            }

            pos++;
        }

        pos = start;
        throw Syntax("unterminated string literal (strings are in single quotes; write '' for a quote)");
    }

    private long ReadInteger()
    {
        var start = pos;
        if (text[pos] == '-')
        {
            pos++;
        }

        while (pos < end && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (!long.TryParse(text.AsSpan(start, pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            pos = start;
            throw Syntax("invalid integer literal");
        }

        return value;
    }

    private string? ReadName()
    {
        var start = pos;
        if (pos < end && char.IsAsciiLetter(text[pos]))
        {
            pos++;
            while (pos < end && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
            {
                pos++;
            }
        }

        return pos > start ? text[start..pos] : null;
    }

    private void Expect(char c)
    {
        if (pos < end && text[pos] == c)
        {
            pos++;
            return;
        }

        throw Syntax($"expected '{c}'");
    }

    private void SkipBlanks()
    {
        while (pos < end && text[pos] is ' ' or '\t' or '\r' or '\n')
        {
            pos++;
        }
    }

    private DscOffloadException Syntax(string problem)
    {
        var found = pos >= end ? "the end of the expression" : $"'{text[pos]}'";
        return new DscOffloadException(
            ErrorKind.InvalidInput,
            $"invalid expression {Quote(text)}: {problem}; found {found} at character {pos + 1}",
            at);
    }

    internal static string Quote(string text) => text.Length <= 120 ? $"\"{text}\"" : $"\"{text[..117]}…\"";
}
