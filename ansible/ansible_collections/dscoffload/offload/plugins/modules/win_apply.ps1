#!powershell
# Copyright: DscOffload contributors
# MIT License (see LICENSE)
# UNVERIFIED: written to mirror apply.py (same options, same returns) and the Ansible.Basic module
# utility's documented interface; it has not run against a Windows host yet.

#AnsibleRequires -CSharpUtil Ansible.Basic

$spec = @{
    options = @{
        src = @{ type = 'path'; required = $true }
        remote_src = @{ type = 'bool'; default = $false }
        parameters = @{ type = 'dict' }
        operation = @{ type = 'str'; choices = @('set', 'test'); default = 'set' }
        executable = @{ type = 'str'; default = 'dscoffload.exe' }
        state_dir = @{ type = 'path' }
        ignore_foreign_types = @{ type = 'bool'; default = $false }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec)
$p = $module.Params
$module.Result.changed = $false
$module.Result.changed_instances = @()
$module.Result.reboot_required = $false
$module.Result.restart_required = @()
$module.Result.stderr_lines = @()
$module.Result.elapsed = 0.0

# Settings bookkeeping that never counts as a change (the same list as the Linux module's).
$notSettings = @('inDesiredState', 'differingProperties', 'ifindex', 'persisted')

function Get-Binary([string]$name) {
    if ($name.Contains('\') -or $name.Contains('/')) {
        if (-not (Test-Path -LiteralPath $name -PathType Leaf)) { $module.FailJson("dscoffload binary $name is missing") }
        return $name
    }
    $found = Get-Command -Name $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($found) { return $found.Source }
    $default = Join-Path $env:ProgramFiles "DscOffload\$name"
    if (Test-Path -LiteralPath $default -PathType Leaf) { return $default }
    $module.FailJson("dscoffload binary $name not found on PATH nor in $env:ProgramFiles\DscOffload")
}

function Add-Flat($prefix, $value, [hashtable]$out) {
    if ($value -is [System.Collections.IDictionary]) {
        foreach ($key in ($value.Keys | Sort-Object)) {
            if ($notSettings -contains $key -or $key.StartsWith('_')) { continue }
            $path = if ($prefix) { "$prefix.$key" } else { $key }
            Add-Flat $path $value[$key] $out
        }
    }
    elseif ($value -is [System.Collections.IList] -and $value.Count -gt 0 -and ($value | Where-Object { $_ -is [System.Collections.IDictionary] -and $_.Contains('name') }).Count -eq $value.Count) {
        foreach ($item in $value) {
            $rest = @{}
            foreach ($key in $item.Keys) { if ($key -ne 'name') { $rest[$key] = $item[$key] } }
            Add-Flat "$prefix[$($item['name'])]" $rest $out
        }
    }
    else {
        $out[$prefix] = $value
    }
}

function Get-Settings($state) {
    $flat = @{}
    if ($null -eq $state) { return $flat }
    $copy = @{}
    foreach ($key in $state.Keys) { $copy[$key] = $state[$key] }
    if ($copy['adapters'] -is [System.Collections.IList]) {
        # With per-adapter detail the top-level values only summarise the adapters.
        foreach ($adapter in $copy['adapters']) {
            foreach ($key in $adapter.Keys) { if ($key -ne 'adapters' -and $copy.Contains($key)) { $copy.Remove($key) } }
        }
    }
    Add-Flat '' $copy $flat
    # "adapters[Ethernet 1].features" reads better as "Ethernet 1 features" in a diff.
    $named = @{}
    foreach ($key in $flat.Keys) { $named[($key -replace '^adapters\[(.+?)\]\.', '$1 ')] = $flat[$key] }
    return $named
}

function ConvertTo-Text($value) {
    if ($value -is [string]) { return $value }
    return (ConvertTo-Json -InputObject $value -Compress -Depth 20)
}

$binary = Get-Binary $p.executable
if (-not (Test-Path -LiteralPath $p.src -PathType Leaf)) { $module.FailJson("document $($p.src) not found on the host") }
$whatIf = $module.CheckMode -and $p.operation -eq 'set'
$arguments = @('config', $p.operation, '--file', $p.src, '--format', 'json')
if ($whatIf) { $arguments += '--what-if' }
if ($p.ignore_foreign_types) { $arguments += '--ignore-foreign-types' }
$workdir = Join-Path ([System.IO.Path]::GetTempPath()) ('dscoffload-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $workdir | Out-Null
try {
    if ($p.parameters) {
        $parametersFile = Join-Path $workdir 'parameters.json'
        ConvertTo-Json -InputObject @{ parameters = $p.parameters } -Depth 20 | Set-Content -LiteralPath $parametersFile -Encoding UTF8
        $arguments += @('--parameters-file', $parametersFile)
    }
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = $binary
    $info.Arguments = ($arguments | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }) -join ' '
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.EnvironmentVariables['NO_COLOR'] = '1'
    if ($p.state_dir) { $info.EnvironmentVariables['DSCOFFLOAD_STATE_DIR'] = $p.state_dir }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $stderrTask = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $stderr = $stderrTask.Result
    $module.Result.elapsed = [math]::Round($watch.Elapsed.TotalSeconds, 4)
}
finally {
    Remove-Item -LiteralPath $workdir -Recurse -Force -ErrorAction SilentlyContinue
}

$rc = $process.ExitCode
$module.Result.rc = $rc
$module.Result.stderr_lines = @($stderr -split "`r?`n" | Where-Object { $_ })
$errorLine = $module.Result.stderr_lines | Where-Object { $_ -match 'error' } | Select-Object -First 1
if (-not $errorLine) { $errorLine = $module.Result.stderr_lines | Where-Object { $_ -notmatch '^(warning|info)' } | Select-Object -First 1 }

$envelope = $null
foreach ($line in ($stdout -split "`r?`n")) {
    if ($line.TrimStart().StartsWith('{')) { # FromJson gives dictionaries and lists on Windows PowerShell 5.1 too (no -AsHashtable there).
        $envelope = [Ansible.Basic.AnsibleModule]::FromJson($line); break }
}
if ($null -eq $envelope) {
    $module.FailJson($(if ($errorLine) { $errorLine } else { "dscoffload exited $rc without a result" }))
}

$results = @($envelope['results'])
$module.Result.results = $results
$module.Result.messages = @($envelope['messages'])
$ours = $envelope['metadata']['DscOffload']
$module.Result.host = $ours['host']
if ($ours['journal'] -and $ours['journal']['id']) { $module.Result.rollback_id = $ours['journal']['id'] }
$restarts = @()
foreach ($r in $results) {
    if ($r['executionInformation'] -and $r['executionInformation']['restartRequired']) { $restarts += $r['executionInformation']['restartRequired'] }
    elseif ($r['restartRequired']) { $restarts += $r['restartRequired'] }
    if ($r['result'] -and $r['result']['afterState'] -and $r['result']['afterState']['_restartRequired']) { $restarts += $r['result']['afterState']['_restartRequired'] }
}
$module.Result.restart_required = $restarts
$module.Result.reboot_required = [bool]($restarts | Where-Object { $_.Contains('system') })

$diffs = @()
$drifted = @()
$errors = @()
# dsc's shape reports a failed instance as an error message naming it.
foreach ($m in @($envelope['messages'])) { if ($m -and $m['level'] -eq 'error' -and $m['name']) { $errors += "$($m['name']): $($m['message'])" } }
foreach ($r in $results) {
    if ($r.Contains('error')) { $errors += "$($r['name']): $($r['error'])"; continue }
    if (-not $r['result']) { continue }
    $body = $r['result']
    if ($body.Contains('beforeState') -or $body.Contains('afterState')) { $current = $body['beforeState']; $desired = $body['afterState'] }
    else { $current = $body['actualState']; $desired = $body['desiredState'] }
    $b = Get-Settings $current
    $a = Get-Settings $desired
    $before = ''; $after = ''
    foreach ($key in (@($b.Keys) + @($a.Keys) | Sort-Object -Unique)) {
        if ((ConvertTo-Text $b[$key]) -ne (ConvertTo-Text $a[$key])) {
            $before += "${key}: $(ConvertTo-Text $b[$key])`n"
            $after += "${key}: $(ConvertTo-Text $a[$key])`n"
        }
    }
    if ($before -or $body['changedProperties'] -or ($body.Contains('inDesiredState') -and -not $body['inDesiredState'])) {
        $drifted += $r['name']
        $diffs += @{ before_header = $r['name']; after_header = $(if ($whatIf) { "$($r['name']) (predicted by what-if)" } else { $r['name'] }); before = $before; after = $after }
    }
}

if ($p.operation -eq 'set') {
    $changed = @($results | Where-Object { $_['result'] -and $_['result']['changedProperties'] } | ForEach-Object { $_['name'] })
    $module.Result.changed_instances = $changed
    $module.Result.changed = $changed.Count -gt 0
    $module.Result.in_desired_state = if ($whatIf) { $drifted.Count -eq 0 } else { $errors.Count -eq 0 }
}
else {
    $module.Result.changed_instances = $drifted
    $module.Result.in_desired_state = $drifted.Count -eq 0 -and $errors.Count -eq 0
}
if ($module.DiffMode) { $module.Result.diff = $diffs }

if ($rc -ne 0 -or $envelope['hadErrors']) {
    $module.FailJson($(if ($errorLine) { $errorLine } elseif ($errors) { $errors[0] } else { "dscoffload exited $rc" }))
}
$names = $module.Result.changed_instances -join ', '
$module.Result.msg = if ($p.operation -eq 'test') { if ($module.Result.in_desired_state) { 'in desired state' } else { "drift in: $names" } }
    elseif (-not $module.Result.changed) { 'no change needed' } elseif ($whatIf) { "would change: $names" } else { "changed: $names" }
$module.ExitJson()
