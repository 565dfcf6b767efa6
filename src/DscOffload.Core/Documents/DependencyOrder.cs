using System.Text;
using DscOffload.Core.Diagnostics;

namespace DscOffload.Core.Documents;

/// <summary>
/// Orders instances so that each runs after the instances it depends on. Like <c>dsc</c>, instances are
/// taken in document order and each one's dependencies are placed first (depth first), so independent
/// instances keep their document order. A cycle is an error naming the instances on it.
/// </summary>
internal static class DependencyOrder
{
    public static int[] Sort(IReadOnlyList<ResourceInstance> instances, IReadOnlyList<int[]> dependencies)
    {
        var count = instances.Count;
        var state = new byte[count]; // 0 = not visited, 1 = on the current path, 2 = placed
        var order = new int[count];
        var placed = 0;
        var path = new List<(int Node, int Next)>();
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            path.Add((root, 0));
            while (path.Count > 0)
            {
                var (node, next) = path[^1];
                var deps = dependencies[node];
                if (next < deps.Length)
                {
                    path[^1] = (node, next + 1);
                    var dep = deps[next];
                    if (state[dep] == 0)
                    {
                        state[dep] = 1;
                        path.Add((dep, 0));
                    }
                    else if (state[dep] == 1)
                    {
                        throw Cycle(instances, path, dep);
                    }

                    continue;
                }

                path.RemoveAt(path.Count - 1);
                state[node] = 2;
                order[placed++] = node;
            }
        }

        return order;
    }

    private static DscOffloadException Cycle(IReadOnlyList<ResourceInstance> instances, List<(int Node, int Next)> path, int repeated)
    {
        var text = new StringBuilder("dependsOn cycle: ");
        var start = path.FindIndex(step => step.Node == repeated);
        for (var i = start; i < path.Count; i++)
        {
            text.Append(instances[path[i].Node].Name).Append(" -> ");
        }

        text.Append(instances[repeated].Name);
        return new DscOffloadException(ErrorKind.InvalidInput, text.ToString(), instances[repeated].Location);
    }
}
