using System.Globalization;
using System.Text;
using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// Hand-written recursive-descent parser for the expression inside <c>[…]</c>:
/// <code>
/// expression := call accessor*
/// call       := name ( '.' name )? '(' ( argument ( ',' argument )* )? ')'
/// accessor   := '.' name | '[' argument ']'
/// argument   := 'string with '' as a quote' | integer | true | false | expression | lambda(...)
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
    private bool readingFunctionName;

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

        readingFunctionName = true;
        var node = ParseCall();
        readingFunctionName = false;
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

    private ExpressionNode ParseCall()
    {
        var nameStart = pos;
        var name = ReadName() ?? throw Syntax("expected a function call such as parameters('name')");
        var signature = BuiltInFunctionSignatures.Find(name);
        if (signature is null && !IsUserFunctionName(name))
        {
            var hint = BuiltInFunctionSignatures.CaseInsensitiveMatch(name) is { } match ? $" (did you mean '{match}'? names are case-sensitive)" : string.Empty;
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"unknown function '{name}'{hint}; see docs/configuration-language.md for the functions dsc and dscoffload know",
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

        if (name == "lambda")
        {
            return Lambda(arguments);
        }

        if (signature is not null && (arguments.Count < signature.Min || arguments.Count > signature.Max))
        {
            var expected = signature.DescribeCount();
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"{name}() takes {expected} argument{(expected == "1" ? string.Empty : "s")}; got {arguments.Count}",
                at);
        }

        return new CallNode(name, arguments.ToArray());
    }

    private LambdaNode Lambda(List<ExpressionNode> arguments)
    {
        if (arguments.Count < 2)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, "lambda() needs at least one parameter name and a body, such as lambda('x', mul(lambdaVariables('x'), 2))", at);
        }

        var parameters = new string[arguments.Count - 1];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = arguments[i] is LiteralNode { Value.Type: JTokenType.String } literal
                ? (string)literal.Value!
                : throw new DscOffloadException(ErrorKind.InvalidInput, $"lambda() parameter names must be strings in single quotes; argument {i + 1} is not", at);
        }

        return arguments[^1] is LiteralNode
            ? throw new DscOffloadException(ErrorKind.InvalidInput, "the body of lambda() must be an expression such as lambdaVariables('x'), not a literal", at)
            : new LambdaNode(parameters, arguments[^1]);
    }

    // dsc sends a dotted name it does not know to the document's user functions (namespace.member).
    private static bool IsUserFunctionName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < name.Length - 1 && name.IndexOf('.', dot + 1) < 0;
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
            // Bare true and false (no parentheses) are boolean literals in dsc's grammar.
            foreach (var word in BooleanWords)
            {
                if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0
                    && (pos + word.Length >= end || !IsNameChar(text[pos + word.Length]))
                    && !FollowedByParenthesis(pos + word.Length))
                {
                    pos += word.Length;
                    return new LiteralNode(new JValue(word == "true"));
                }
            }

            return ParseExpression();
        }

        throw Syntax("expected a string in single quotes, an integer, true, false or a function call");
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

    private static readonly string[] BooleanWords = ["true", "false"];

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';

    private bool FollowedByParenthesis(int from)
    {
        var i = from;
        while (i < end && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < end && text[i] == '(';
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

            // namespace.member( is a user function call; any other dot is member access, read by the caller.
            if (pos + 1 < end && text[pos] == '.' && char.IsAsciiLetter(text[pos + 1]))
            {
                var after = pos + 1;
                while (after < end && (char.IsAsciiLetterOrDigit(text[after]) || text[after] == '_'))
                {
                    after++;
                }

                if (after < end && text[after] == '(' && readingFunctionName)
                {
                    pos = after;
                }
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
