# The drift lines examples/library-drift prints, derived from the engine's own dsc envelope
# (`dscoffload config test -o json --against SNAPSHOT`, one envelope per host) rather than from the
# drift reader the sample uses: one line per desired leaf value that differs from the actual one,
# within the properties the engine names as differing (per adapter for adapter types).
#   HOST<TAB>INSTANCE<TAB>ADAPTER (- for host-wide types)<TAB>PROPERTY.PATH<TAB>CURRENT<TAB>DESIRED
.metadata.DscOffload.host as $host
| .results[] | .name as $instance | .result as $result
| (if ($result.actualState.adapters | type) == "array"
   then $result.actualState.adapters[] | select(.inDesiredState == false)
        | {adapter: .name, actual: ., differing: .differingProperties}
   else {adapter: "-", actual: $result.actualState, differing: $result.differingProperties}
   end) as $target
| $result.desiredState | paths(type != "object") as $path
| select($target.differing | index($path[0]))
| ($result.desiredState | getpath($path)) as $desired
| ($target.actual | getpath($path)) as $current
| select($desired != $current)
| [$host, $instance, $target.adapter, ($path | map(tostring) | join(".")), ($current | tojson), ($desired | tojson)]
| @tsv
