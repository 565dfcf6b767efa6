using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// Hides the values of secure parameters (<c>secureString</c>, <c>secureObject</c>) wherever they would be printed
/// or journaled: in result values and in message text, including when an expression copied them elsewhere
/// (into a property, through <c>string()</c>, <c>concat()</c> or an environment variable holding the same text).
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What a hidden value is replaced by.</summary>
    public const string Mask = "<secure value hidden>";

    // Very short secrets would mask ordinary text everywhere; they are hidden only as whole values.
    private const int MinimumTextLength = 4;

    private readonly HashSet<string> secrets;

    private SecretRedactor(HashSet<string> secrets) => this.secrets = secrets;

    /// <summary>The secure texts of a document's bound parameters.</summary>
    public static SecretRedactor For(ConfigurationDocument document, JObject parameterValues)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parameterValues);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in document.Parameters)
        {
            if (definition.IsSecure && parameterValues[definition.Name] is { } value)
            {
                Collect(value, secrets);
            }
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>
    /// The secure texts known before binding: values given for secure parameters and their written defaults, so that
    /// an error raised while binding or evaluating can be masked too.
    /// </summary>
    public static SecretRedactor ForDeclaredDefaults(ConfigurationDocument document, JObject? supplied)
    {
        ArgumentNullException.ThrowIfNull(document);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in document.Parameters)
        {
            if (definition.IsSecure && (supplied?[definition.Name] ?? definition.DefaultValue) is { } value)
            {
                Collect(value, secrets);
            }
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>True when there is nothing to hide.</summary>
    public bool IsEmpty => secrets.Count == 0;

    /// <summary>A copy of <paramref name="token"/> with every secure text masked (whole strings and inside strings).</summary>
    public JToken Redact(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (secrets.Count == 0)
        {
            return token.DeepClone();
        }

        return token switch
        {
            JObject obj => new JObject(obj.Properties().Select(p => new JProperty(p.Name, Redact(p.Value)))),
            JArray array => new JArray(array.Select(Redact)),
            JValue { Type: JTokenType.String } text => new JValue(Redact((string)text!)),
            _ => token.DeepClone(),
        };
    }

    /// <summary><paramref name="text"/> with every secure text masked.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (secrets.Contains(text))
        {
            return Mask;
        }

        foreach (var secret in secrets)
        {
            if (secret.Length >= MinimumTextLength)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static void Collect(JToken value, HashSet<string> into)
    {
        switch (value)
        {
            case JValue { Type: JTokenType.String } text when ((string)text!).Length > 0:
                into.Add((string)text!);
                break;
            case JContainer container:
                foreach (var child in container.Children())
                {
                    Collect(child is JProperty p ? p.Value : child, into);
                }

                break;
            case JValue other when other.Type is JTokenType.Integer or JTokenType.Float:
                into.Add(other.ToString(Newtonsoft.Json.Formatting.None));
                break;
        }
    }
}
