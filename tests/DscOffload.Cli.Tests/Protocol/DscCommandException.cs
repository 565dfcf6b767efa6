namespace DscOffload.Cli.Tests.Protocol;

/// <summary>What dsc would report as the operation's error (and exit with), with the program run that caused it.</summary>
public sealed class DscCommandException : Exception
{
    /// <summary>An error dsc raises itself, before or after running the program.</summary>
    public DscCommandException(string message, DscInvocation? invocation = null)
        : base(invocation is null ? message : $"{message}\n{invocation}") => Invocation = invocation;

    /// <summary>An error without a program run.</summary>
    public DscCommandException()
    {
    }

    /// <summary>An error dsc raises itself.</summary>
    public DscCommandException(string message)
        : base(message)
    {
    }

    /// <summary>An error dsc raises itself, wrapping another.</summary>
    public DscCommandException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The program run dsc reports on, if the error came from one.</summary>
    public DscInvocation? Invocation { get; }
}
