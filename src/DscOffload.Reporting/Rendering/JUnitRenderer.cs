using System.Globalization;
using System.Text;
using System.Xml;
using DscOffload.Reporting.Drift;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// JUnit XML, the test-report format every CI system imports: one <c>testsuite</c> per host (its counts are
/// known when the host is written, so the report streams), one <c>testcase</c> per host × instance with
/// <c>classname</c> = host and <c>name</c> = instance name and type; drift is a <c>failure</c> (message
/// <c>property: current → desired</c>, one line per setting in the body), a failed instance an <c>error</c>.
/// Written with <see cref="XmlWriter"/>, so names and values are escaped properly; characters XML cannot
/// carry are replaced. The output writer is expected to be UTF-8, as the declaration says.
/// </summary>
internal sealed class JUnitRenderer : DriftRenderer
{
    private const int MaxItemsInMessage = 3;
    private XmlWriter? _xml;

    /// <summary>Creates the renderer; the caller owns <paramref name="output"/>.</summary>
    public JUnitRenderer(TextWriter output, DriftRenderOptions? options = null)
        : base(output, options)
    {
    }

    /// <inheritdoc />
    protected override void OnBegin()
    {
        // XmlWriter would declare the TextWriter's encoding (UTF-16 for a StringWriter); the bytes written are UTF-8.
        Output.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Output.WriteLine();
        _xml = XmlWriter.Create(Output, new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = Output.NewLine,
            CloseOutput = false,
        });
        _xml.WriteStartElement("testsuites");
        _xml.WriteAttributeString("name", "dscoffload");
    }

    /// <inheritdoc />
    protected override void OnHost(HostDriftReport host)
    {
        var xml = _xml!;
        var hostName = XmlSafeText.Clean(host.Host);
        var hostLevelError = host.HadErrors && host.FailedInstanceCount == 0;
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", hostName);
        xml.WriteAttributeString("tests", Number(host.Instances.Count + (hostLevelError ? 1 : 0)));
        xml.WriteAttributeString("failures", Number(host.DriftedInstanceCount));
        xml.WriteAttributeString("errors", Number(host.FailedInstanceCount + (hostLevelError ? 1 : 0)));
        xml.WriteAttributeString("skipped", "0");
        if (host.Run.Duration is { } duration)
        {
            xml.WriteAttributeString("time", Seconds(duration));
        }

        xml.WriteAttributeString("hostname", hostName);
        WriteProperties(xml, host);
        foreach (var instance in host.Instances)
        {
            WriteTestCase(xml, hostName, instance);
        }

        if (hostLevelError)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", hostName);
            xml.WriteAttributeString("name", "(host result)");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", "the engine reported errors for this host");
            xml.WriteAttributeString("type", "error");
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        WriteSystemOut(xml, host);
        xml.WriteEndElement();
        xml.Flush();
    }

    /// <inheritdoc />
    protected override void OnComplete()
    {
        var xml = _xml!;
        xml.WriteEndElement();
        xml.Flush();
        xml.Dispose();
        _xml = null;
        Output.WriteLine();
    }

    private static void WriteProperties(XmlWriter xml, HostDriftReport host)
    {
        xml.WriteStartElement("properties");
        Property(xml, "document", host.Run.Document);
        Property(xml, "target", host.Run.Target);
        Property(xml, "snapshot", host.Run.Snapshot);
        Property(xml, "operation", host.Run.IsWhatIf ? host.Run.Operation + " (what-if)" : host.Run.Operation);
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", XmlSafeText.Clean(value));
        xml.WriteEndElement();
    }

    private static void WriteTestCase(XmlWriter xml, string hostName, InstanceOutcome instance)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", hostName);
        xml.WriteAttributeString("name", XmlSafeText.Clean(string.Concat(instance.Name, " (", instance.ResourceType, ")")));
        if (instance.Duration is { } duration)
        {
            xml.WriteAttributeString("time", Seconds(duration));
        }

        if (instance.Location is { } at)
        {
            xml.WriteAttributeString("file", XmlSafeText.Clean(at.File));
            xml.WriteAttributeString("line", Number(at.Line));
        }

        if (instance.Status == InstanceStatus.Failed)
        {
            var error = XmlSafeText.Clean(instance.Error ?? "failed");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", error);
            xml.WriteAttributeString("type", "error");
            xml.WriteString(error);
            xml.WriteEndElement();
        }
        else if (instance.Status == InstanceStatus.Drifted)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", XmlSafeText.Clean(FailureMessage(instance.DriftItems)));
            xml.WriteAttributeString("type", "drift");
            xml.WriteString(XmlSafeText.Clean(FailureBody(instance.DriftItems)));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteSystemOut(XmlWriter xml, HostDriftReport host)
    {
        StringBuilder? text = null;
        foreach (var message in host.Messages)
        {
            text ??= new StringBuilder();
            text.Append(message.Level).Append(": ");
            if (message.Instance is not null)
            {
                text.Append(message.Instance).Append(": ");
            }

            text.Append(message.Text).Append('\n');
        }

        if (text is not null)
        {
            xml.WriteElementString("system-out", XmlSafeText.Clean(text.ToString()));
        }
    }

    private static string FailureMessage(IReadOnlyList<DriftItem> items)
    {
        var text = new StringBuilder(128);
        if (items.Count > 1)
        {
            DriftSummary.Counted(text, items.Count, "setting differs", "settings differ").Append(": ");
        }

        for (var i = 0; i < items.Count && i < MaxItemsInMessage; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }

            AppendItem(text, items[i]);
        }

        if (items.Count > MaxItemsInMessage)
        {
            text.Append("; …");
        }

        return text.ToString();
    }

    private static string FailureBody(IReadOnlyList<DriftItem> items)
    {
        var text = new StringBuilder(items.Count * 64);
        foreach (var item in items)
        {
            AppendItem(text, item);
            if (item.Location is { } at)
            {
                text.Append(" (").Append(at.ToString()).Append(')');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void AppendItem(StringBuilder text, DriftItem item)
    {
        if (item.Adapter is not null)
        {
            text.Append(DriftValueText.Label(item.Adapter)).Append(" · ");
        }

        text.Append(DriftValueText.Label(item.PropertyPath)).Append(": ")
            .Append(DriftValueText.Format(item.Current)).Append(" → ").Append(DriftValueText.Format(item.Desired));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
