using System.Globalization;
using DscOffload.Core.Diagnostics;
using DscOffload.Windows.Cim;

namespace DscOffload.Windows.Platform;

/// <summary>
/// The documented range of a numeric advanced property: <c>NumericParameterMinValue</c>, <c>MaxValue</c> and
/// <c>StepValue</c> of <c>MSFT_NetAdapterAdvancedPropertySettingData</c> (the driver's <c>Ndi\params</c>
/// <c>min</c>/<c>max</c>/<c>step</c> behind them). A value must lie in the range and on a step counted from the
/// minimum; the provider's own check of a write is not documented, so the value is checked before anything changes.
/// </summary>
/// <param name="Minimum">The smallest value.</param>
/// <param name="Maximum">The largest value.</param>
/// <param name="Step">The step from <paramref name="Minimum"/>; 1 when the driver gives none.</param>
internal sealed record NumericKeywordRange(long Minimum, long Maximum, long Step)
{
    /// <summary>The range a CIM advanced property reports, or null when it is not numeric (no minimum or maximum).</summary>
    internal static NumericKeywordRange? FromCim(CimRecord record) =>
        Create(Parse(record.GetString("NumericParameterMinValue")), Parse(record.GetString("NumericParameterMaxValue")), Parse(record.GetString("NumericParameterStepValue")));

    /// <summary>The range of a driver's <c>Ndi\params</c> <c>min</c>, <c>max</c> and <c>step</c>, or null without a minimum and maximum.</summary>
    internal static NumericKeywordRange? FromParams(long? minimum, long? maximum, long? step) =>
        Create(minimum, maximum, step);

    /// <summary>Refuses (exit 5) a value outside the range or off its step, naming keyword, value and range.</summary>
    /// <exception cref="DscOffloadException"><c>NotSupported</c>, before anything changes.</exception>
    internal void Check(string adapterName, string keyword, string value, SourceLocation? at = null)
    {
        var number = Parse(value);
        if (number is null || number < Minimum || number > Maximum || (number - Minimum) % Step != 0)
        {
            throw new DscOffloadException(ErrorKind.NotSupported,
                $"'{value}' is not a valid value of '{keyword}' on adapter '{adapterName}'; the driver documents {Minimum}..{Maximum} in steps of {Step} from {Minimum}; nothing was changed", at);
        }
    }

    private static NumericKeywordRange? Create(long? minimum, long? maximum, long? step) =>
        minimum is { } min && maximum is { } max && min <= max
            ? new NumericKeywordRange(min, max, step is > 0 ? step.Value : 1)
            : null;

    private static long? Parse(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
