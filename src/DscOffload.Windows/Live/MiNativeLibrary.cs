using DscOffload.Core.Diagnostics;

namespace DscOffload.Windows.Live;

/// <summary>
/// The native half of Microsoft.Management.Infrastructure (MI). Its managed layer loads
/// <see cref="FileName"/> from beside the executable at the first CIM call, so every package of the
/// Windows binary ships it there, and a missing or unloadable copy is reported as a broken installation
/// naming the file, not as a stack trace.
/// </summary>
internal static class MiNativeLibrary
{
    /// <summary>The file MI's managed layer loads (the native asset of Microsoft.Management.Infrastructure.Runtime.Win for every Windows runtime ID).</summary>
    public const string FileName = "microsoft.management.infrastructure.native.unmanaged.dll";

    /// <summary>The native libraries the Windows binary loads from its own folder at run time.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [FileName];

    /// <summary>
    /// True when <paramref name="error"/> says a native library could not be loaded: missing
    /// (<see cref="DllNotFoundException"/>), built for another architecture or damaged
    /// (<see cref="BadImageFormatException"/>), or too old (<see cref="EntryPointNotFoundException"/>), also
    /// when it surfaces wrapped in the <see cref="TypeInitializationException"/> of a type whose
    /// static constructor made the first call.
    /// </summary>
    public static bool IsLoadFailure(Exception error) => Unwrap(error) is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException;

    /// <summary>The operator-facing error for a load failure: names the file, where it must be and how to fix it.</summary>
    /// <param name="error">The failure (<see cref="IsLoadFailure"/> is true).</param>
    /// <param name="executableDirectory">The folder the file must be in (the executable's).</param>
    public static DscOffloadException LoadFailure(Exception error, string executableDirectory)
    {
        var cause = Unwrap(error);
        var problem = cause switch
        {
            DllNotFoundException => "is missing or one of its dependencies is",
            BadImageFormatException => "is not a valid library for this architecture",
            _ => "is not the version this build needs",
        };
        return new DscOffloadException(ErrorKind.Unexpected,
            $"the CIM (WMI) library {FileName} {problem}: it must lie beside dscoffload.exe in {executableDirectory}; "
            + $"reinstall dscoffload from a release package, which ships it there ({cause.Message.ReplaceLineEndings(" ").Trim()})",
            null, error);
    }

    private static Exception Unwrap(Exception error) =>
        error is TypeInitializationException { InnerException: { } inner } ? Unwrap(inner) : error;
}
