using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Engine;

/// <summary>
/// One resource instance ready for the engine: expressions evaluated, in execution order.
/// <see cref="Properties"/> keep their document locations so results can point back at the document.
/// </summary>
public sealed record EngineInstance(string Name, string Type, JObject Properties, SourceLocation? Location, SourceLocation? TypeLocation);
