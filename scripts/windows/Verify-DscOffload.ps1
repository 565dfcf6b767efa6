<#
.SYNOPSIS
    Verifies a released dscoffload package on one real Windows host and writes a report to attach to an issue.

.DESCRIPTION
    Installs the win-x64 release zip (or an unpacked release folder) into a folder of its own, checks it
    against SHA256SUMS when given, runs dscoffload's get, test, what-if, set and rollback against one
    adapter, and answers each open question of docs/windows-verification.md with the check that decides
    it, comparing dscoffload's report with what Windows' own cmdlets and CIM say.

    Without -AllowChanges nothing on the host changes: only get, test, what-if and reads run. With
    -AllowChanges the script flips one setting of the chosen adapter (default lsoIPv4), first with
    `restart: Never`, then with `restart: Allowed` (the adapter restarts once: its link drops for a few
    seconds), then restores it with `dscoffload rollback` and checks the restore. It asks for confirmation
    first unless -Force is given.

    Runs on Windows PowerShell 5.1 and PowerShell 7; needs no build tools. The report functions are pure
    and are tested on Linux by tests/DscOffload.PowerShell.Tests/VerificationScript.Tests.ps1.

.EXAMPLE
    .\Verify-DscOffload.ps1 -Package .\dscoffload-1.0.0-win-x64.zip -Sha256Sums .\SHA256SUMS -Adapter 'Ethernet'

.EXAMPLE
    .\Verify-DscOffload.ps1 -Package .\dscoffload-1.0.0-win-x64.zip -Adapter 'Ethernet 2' -AllowChanges
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param (
    # The release zip (dscoffload-VERSION-win-x64.zip) or a folder holding dscoffload.exe.
    [string] $Package,
    # The adapter to check (its Name, as Get-NetAdapter shows it). Without it only host-wide checks run.
    [string] $Adapter,
    # The release's SHA256SUMS; the zip must be listed in it with the same hash.
    [string] $Sha256Sums,
    # Where to install; default a new folder under the temporary directory.
    [string] $InstallPath,
    # Where to write verification-report.md and verification-report.json; default the current folder.
    [string] $OutputDirectory = (Get-Location).Path,
    # The boolean setting of NetAdapterOffload to flip when -AllowChanges is given.
    [string] $Setting = 'lsoIPv4',
    # Change the adapter's setting (restart: Never, then Allowed), then roll back. Off by default.
    [switch] $AllowChanges,
    # Do not ask before changing anything.
    [switch] $Force
)

Set-StrictMode -Version 2.0
# -WhatIf and -Confirm of this script govern the change of the adapter only (ShouldProcess below); installing
# into the scratch folder and writing the report pass -WhatIf:$false -Confirm:$false.

$script:NetAdapterType = 'DscOffload.Windows/NetAdapterOffload'
$script:GlobalType = 'DscOffload.Windows/GlobalOffload'
$script:NativeLibrary = 'microsoft.management.infrastructure.native.unmanaged.dll'

# ---------------------------------------------------------------------------------------------------------
# Pure functions (no host access): tested on Linux.
# ---------------------------------------------------------------------------------------------------------

function New-StepResult
{
    # One dscoffload (or other) run as the report shows it.
    param ([string] $Name, [string] $Command, [string] $StdIn = '', [int] $ExitCode, [string] $StdOut = '',
        [string] $StdErr = '', [int[]] $ExpectedExitCodes = @(0), [string] $Note = '')
    return [pscustomobject]@{
        Name = $Name; Command = $Command; StdIn = $StdIn; ExitCode = $ExitCode; StdOut = $StdOut; StdErr = $StdErr
        ExpectedExitCodes = $ExpectedExitCodes; Passed = ($ExpectedExitCodes -contains $ExitCode); Note = $Note
    }
}

function New-QuestionAnswer
{
    # Status: Answered (the check decided it), Failed (the check found the assumption wrong or the step
    # failed), Manual (a person must look, the evidence says what at), NotRun (needs -Adapter or -AllowChanges).
    param ([int] $Number, [string] $Title, [ValidateSet('Answered', 'Failed', 'Manual', 'NotRun')] [string] $Status,
        [string] $Answer, [string[]] $Evidence = @())
    return [pscustomobject]@{ Number = $Number; Title = $Title; Status = $Status; Answer = $Answer; Evidence = $Evidence }
}

function ConvertFrom-DscOffloadOutput
{
    # The first JSON line (or the whole text) of a dscoffload stdout as an object; $null when it is not JSON.
    param ([string] $Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return $null }
    try { return ($Text | ConvertFrom-Json) }
    catch
    {
        $first = ($Text -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
        try { return ($first | ConvertFrom-Json) } catch { return $null }
    }
}

function Compare-ReportedValue
{
    # Lines "name: dscoffload X, Windows Y (same|DIFFERENT)" for each name present in both hashtables.
    param ([hashtable] $DscOffload, [hashtable] $Windows)
    $lines = @()
    foreach ($name in ($DscOffload.Keys | Sort-Object))
    {
        if (-not $Windows.ContainsKey($name)) { continue }
        $ours = [string]$DscOffload[$name]; $theirs = [string]$Windows[$name]
        $verdict = if ($ours -eq $theirs) { 'same' } else { 'DIFFERENT' }
        $lines += "${name}: dscoffload $ours, Windows $theirs ($verdict)"
    }
    return , $lines
}

function Get-MarkdownFence
{
    param ([string] $Text)
    if ([string]::IsNullOrEmpty($Text)) { return '(empty)' }
    $fence = '```'
    while ($Text.Contains($fence)) { $fence += '`' }
    return "$fence`n$($Text.TrimEnd())`n$fence"
}

function Format-VerificationReport
{
    # The Markdown report: host, package, each step with its exit code, stdout and stderr, and the answer to
    # each open question.
    param ([Parameter(Mandatory = $true)] $Report)
    $b = New-Object System.Text.StringBuilder
    [void]$b.AppendLine('# dscoffload Windows verification report')
    [void]$b.AppendLine('')
    [void]$b.AppendLine("Generated $($Report.Generated) by scripts/windows/Verify-DscOffload.ps1. Attach this file and verification-report.json to the issue.")
    [void]$b.AppendLine('')
    [void]$b.AppendLine('## Host')
    [void]$b.AppendLine('')
    [void]$b.AppendLine('| what | value |')
    [void]$b.AppendLine('|---|---|')
    foreach ($p in $Report.Host.PSObject.Properties) { [void]$b.AppendLine("| $($p.Name) | $(([string]$p.Value) -replace '\|', '\|') |") }
    [void]$b.AppendLine('')
    $failed = @($Report.Steps | Where-Object { -not $_.Passed }).Count
    $open = @($Report.Questions | Where-Object { $_.Status -eq 'Failed' }).Count
    [void]$b.AppendLine("Mode: $($Report.Mode). Steps: $(@($Report.Steps).Count), $failed with an unexpected exit code. Questions: $(@($Report.Questions).Count), $open found an assumption wrong.")
    [void]$b.AppendLine('')
    [void]$b.AppendLine('## Answers to the open questions of docs/windows-verification.md')
    [void]$b.AppendLine('')
    [void]$b.AppendLine('| # | question | status | answer |')
    [void]$b.AppendLine('|---|---|---|---|')
    foreach ($q in ($Report.Questions | Sort-Object Number))
    {
        [void]$b.AppendLine("| $($q.Number) | $($q.Title) | $($q.Status) | $(($q.Answer -replace '\|', '\|') -replace "`r?`n", ' ') |")
    }
    [void]$b.AppendLine('')
    foreach ($q in ($Report.Questions | Sort-Object Number))
    {
        if (@($q.Evidence).Count -eq 0) { continue }
        [void]$b.AppendLine("### Question $($q.Number): evidence")
        [void]$b.AppendLine('')
        foreach ($e in $q.Evidence) { [void]$b.AppendLine("- $e") }
        [void]$b.AppendLine('')
    }
    [void]$b.AppendLine('## Steps')
    [void]$b.AppendLine('')
    $i = 0
    foreach ($s in $Report.Steps)
    {
        $i++
        $mark = if ($s.Passed) { 'as expected' } else { "UNEXPECTED (expected $($s.ExpectedExitCodes -join ' or '))" }
        [void]$b.AppendLine("### $i. $($s.Name): exit $($s.ExitCode), $mark")
        [void]$b.AppendLine('')
        [void]$b.AppendLine("Command: ``$($s.Command)``")
        if ($s.Note) { [void]$b.AppendLine(''); [void]$b.AppendLine($s.Note) }
        if ($s.StdIn) { [void]$b.AppendLine(''); [void]$b.AppendLine('stdin:'); [void]$b.AppendLine((Get-MarkdownFence $s.StdIn)) }
        [void]$b.AppendLine('')
        [void]$b.AppendLine('stdout:')
        [void]$b.AppendLine((Get-MarkdownFence $s.StdOut))
        [void]$b.AppendLine('')
        [void]$b.AppendLine('stderr:')
        [void]$b.AppendLine((Get-MarkdownFence $s.StdErr))
        [void]$b.AppendLine('')
    }
    return $b.ToString()
}

function Write-VerificationReport
{
    # Writes verification-report.md and verification-report.json (UTF-8 without BOM) and returns their paths.
    param ([Parameter(Mandatory = $true)] $Report, [Parameter(Mandatory = $true)] [string] $Directory)
    if (-not (Test-Path -LiteralPath $Directory)) { New-Item -ItemType Directory -Path $Directory -WhatIf:$false -Confirm:$false | Out-Null }
    $utf8 = New-Object System.Text.UTF8Encoding $false
    $md = Join-Path $Directory 'verification-report.md'
    $json = Join-Path $Directory 'verification-report.json'
    [System.IO.File]::WriteAllText($md, (Format-VerificationReport -Report $Report), $utf8)
    [System.IO.File]::WriteAllText($json, ($Report | ConvertTo-Json -Depth 8), $utf8)
    return @($md, $json)
}

function Test-Sha256Sums
{
    # Whether the file's SHA-256 matches its line in a SHA256SUMS text ("HASH  NAME" or "HASH *NAME").
    # Returns a message; throws when the file is not listed or differs.
    param ([Parameter(Mandatory = $true)] [string] $SumsText, [Parameter(Mandatory = $true)] [string] $FileName,
        [Parameter(Mandatory = $true)] [string] $ActualHash)
    foreach ($line in ($SumsText -split "`r?`n"))
    {
        if ($line -match '^([0-9a-fA-F]{64}) [ *](.+)$' -and $Matches[2].Trim() -eq $FileName)
        {
            if ($Matches[1] -ieq $ActualHash) { return "$FileName matches SHA256SUMS ($ActualHash)" }
            throw "$FileName does not match SHA256SUMS: expected $($Matches[1]), got $ActualHash"
        }
    }
    throw "$FileName is not listed in SHA256SUMS"
}

function Get-OpenQuestionNumber
{
    # The numbers of the open points of docs/windows-verification.md ("N. **Title.**" lines).
    param ([Parameter(Mandatory = $true)] [string] $MarkdownText)
    $numbers = foreach ($line in ($MarkdownText -split "`r?`n"))
    {
        if ($line -match '^(\d+)\. \*\*') { [int]$Matches[1] }
    }
    return @($numbers)
}

# ---------------------------------------------------------------------------------------------------------
# The checks, one per open question of docs/windows-verification.md. The Pester test requires one entry per
# numbered open point there, with the same number and title, so the page and this script cannot drift apart.
# Each check gets the context (steps run, values read) and returns a New-QuestionAnswer.
# ---------------------------------------------------------------------------------------------------------

function Get-VerificationQuestion
{
    return @(
        [pscustomobject]@{ Number = 1; Title = 'Microsoft.Management.Infrastructure (MI) under Native AOT on Windows.'; Check = ${function:Test-Question1} }
        [pscustomobject]@{ Number = 2; Title = 'Provider options `IncludeHidden` and `NoRestart`.'; Check = ${function:Test-Question2} }
        [pscustomobject]@{ Number = 3; Title = 'What setting data reports after a write without restart.'; Check = ${function:Test-Question3} }
        [pscustomobject]@{ Number = 4; Title = 'Typed settings and their advanced property.'; Check = ${function:Test-Question4} }
        [pscustomobject]@{ Number = 5; Title = 'Selecting setting-data instances.'; Check = ${function:Test-Question5} }
        [pscustomobject]@{ Number = 6; Title = 'MI type mapping and errors.'; Check = ${function:Test-Question6} }
        [pscustomobject]@{ Number = 7; Title = 'Registry access.'; Check = ${function:Test-Question7} }
        [pscustomobject]@{ Number = 8; Title = 'Elevation.'; Check = ${function:Test-Question8} }
        [pscustomobject]@{ Number = 9; Title = 'The NDIS-keyword fallback.'; Check = ${function:Test-Question9} }
        [pscustomobject]@{ Number = 10; Title = 'What the global switches do.'; Check = ${function:Test-Question10} }
        [pscustomobject]@{ Number = 11; Title = 'RSS settings and RSC operational state.'; Check = ${function:Test-Question11} }
        [pscustomobject]@{ Number = 12; Title = 'MI''s native library beside the executable.'; Check = ${function:Test-Question12} }
        [pscustomobject]@{ Number = 13; Title = 'Module discovery by PSDesiredStateConfiguration.'; Check = ${function:Test-Question13} }
        [pscustomobject]@{ Number = 14; Title = 'Reason codes in the portal.'; Check = ${function:Test-Question14} }
        [pscustomobject]@{ Number = 15; Title = 'Duplicate keys and the agent.'; Check = ${function:Test-Question15} }
        [pscustomobject]@{ Number = 16; Title = 'The MI runtime package''s licence.'; Check = ${function:Test-Question16} }
        [pscustomobject]@{ Number = 17; Title = 'The test suite on Windows.'; Check = ${function:Test-Question17} }
        [pscustomobject]@{ Number = 18; Title = 'Numeric advanced properties.'; Check = ${function:Test-Question18} }
        [pscustomobject]@{ Number = 19; Title = 'Grouped checksum keywords.'; Check = ${function:Test-Question19} }
        [pscustomobject]@{ Number = 20; Title = 'IPsec offload through the documented `Set` method.'; Check = ${function:Test-Question20} }
        [pscustomobject]@{ Number = 21; Title = 'Settings without effect on later Windows builds.'; Check = ${function:Test-Question21} }
        [pscustomobject]@{ Number = 22; Title = 'The state directory''s ACL.'; Check = ${function:Test-Question22} }
    )
}

function Find-Step
{
    param ($Context, [string] $Name)
    return ($Context.Steps | Where-Object { $_.Name -eq $Name } | Select-Object -First 1)
}

function Get-StepLine
{
    param ($Step)
    if ($null -eq $Step) { return 'not run' }
    $err = ($Step.StdErr -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
    return "'$($Step.Name)' exit $($Step.ExitCode)$(if ($err) { ": $err" })"
}

function Test-Question1
{
    param ($Context, [int] $Number, [string] $Title)
    $get = Find-Step $Context 'resource get NetAdapterOffload (every adapter)'
    $global = Find-Step $Context 'resource get GlobalOffload'
    $set = Find-Step $Context 'resource set, restart Never'
    $evidence = @("binary: $($Context.Host.BinaryKind)", (Get-StepLine $global), (Get-StepLine $get), (Get-StepLine $set))
    if ($null -eq $get -or $null -eq $global) { return New-QuestionAnswer $Number $Title 'NotRun' 'the get steps did not run' $evidence }
    if ($get.ExitCode -ne 0 -or $global.ExitCode -ne 0) { return New-QuestionAnswer $Number $Title 'Failed' 'the binary could not query CIM (see the get steps)' $evidence }
    $modify = if ($null -eq $set) { 'ModifyInstance was not tried (run with -AllowChanges)' } elseif ($set.ExitCode -eq 0) { 'ModifyInstance succeeded' } else { "ModifyInstance failed (exit $($set.ExitCode))" }
    $status = if ($null -ne $set -and $set.ExitCode -ne 0) { 'Failed' } else { 'Answered' }
    return New-QuestionAnswer $Number $Title $status "This binary ($($Context.Host.BinaryKind)) opened a CIM session and queried both types; $modify." $evidence
}

function Test-Question2
{
    param ($Context, [int] $Number, [string] $Title)
    $evidence = @()
    $hidden = $Context.HiddenComparison
    $restart = $Context.NeverRestartSignals
    if ($null -ne $hidden) { $evidence += "Get-NetAdapter -IncludeHidden: $($hidden.Windows -join ', ')"; $evidence += "dscoffload includeHidden: $($hidden.DscOffload -join ', ')" }
    if ($null -ne $restart) { $evidence += $restart.Evidence }
    $parts = @()
    $status = 'Answered'
    if ($null -eq $hidden) { $parts += 'IncludeHidden: not compared'; $status = 'NotRun' }
    elseif ((@($hidden.Windows | Sort-Object) -join '|') -eq (@($hidden.DscOffload | Sort-Object) -join '|')) { $parts += 'IncludeHidden is honoured (the same adapters as Get-NetAdapter -IncludeHidden)' }
    else { $parts += 'IncludeHidden is NOT honoured as assumed (the adapter lists differ)'; $status = 'Failed' }
    if ($null -eq $restart) { $parts += 'NoRestart: not tried (run with -Adapter and -AllowChanges)'; if ($status -eq 'Answered') { $status = 'NotRun' } }
    elseif ($restart.Restarted) { $parts += 'NoRestart is NOT honoured: the adapter restarted during the restart: Never set'; $status = 'Failed' }
    else { $parts += 'NoRestart is honoured: no sign of an adapter restart during the restart: Never set' }
    return New-QuestionAnswer $Number $Title $status ($parts -join '; ') $evidence
}

function Test-Question3
{
    param ($Context, [int] $Number, [string] $Title)
    $set = Find-Step $Context 'resource set, restart Never'
    if ($null -eq $set) { return New-QuestionAnswer $Number $Title 'NotRun' 'needs -Adapter and -AllowChanges' }
    $rb = $Context.ReadBack
    $evidence = @((Get-StepLine $set))
    if ($null -ne $rb) { $evidence += "after the restart: Never set, Windows reads $($rb.Setting) = $($rb.AfterNever) (desired $($rb.Desired), before $($rb.Before))" }
    if ($set.ExitCode -ne 0) { return New-QuestionAnswer $Number $Title 'Failed' 'the restart: Never set failed (see its error line): it neither verified the write nor reported it pending' $evidence }
    if ($null -ne $rb -and [string]$rb.AfterNever -ne [string]$rb.Desired)
    {
        # dscoffload reads back: a value that still reads as before must be reported as a pending restart, not as done.
        $pending = "$($set.StdErr) $($set.StdOut)" -match 'pending restart'
        if ([string]$rb.AfterNever -eq [string]$rb.Before -and $pending) { return New-QuestionAnswer $Number $Title 'Answered' 'setting data reports the active value until the restart; dscoffload reported the write as pending restart, not verified' $evidence }
        return New-QuestionAnswer $Number $Title 'Failed' 'Windows reads a value other than the written one before the restart, and dscoffload did not report it as pending' $evidence
    }
    return New-QuestionAnswer $Number $Title 'Answered' 'setting data reports the written (configured) value at once, before the restart' $evidence
}

function Test-Question4
{
    param ($Context, [int] $Number, [string] $Title)
    $rb = $Context.ReadBack
    if ($null -eq $rb -or $null -eq $rb.KeywordAfterNever) { return New-QuestionAnswer $Number $Title 'NotRun' "needs -Adapter and -AllowChanges with -Setting lsoIPv4 or lsoIPv6" }
    $evidence = @("advanced property $($rb.Keyword) after the set: $($rb.KeywordAfterNever) (before $($rb.KeywordBefore))", "dscoffload get advancedProperties.$($rb.Keyword): $($rb.KeywordInDscOffload)")
    $expected = if ($rb.Desired) { '1' } else { '0' }
    if ([string]$rb.KeywordAfterNever -eq $expected -and [string]$rb.KeywordInDscOffload -eq $expected) { return New-QuestionAnswer $Number $Title 'Answered' "a write of $($rb.Setting) shows at once in $($rb.Keyword), in Windows and in dscoffload's get" $evidence }
    return New-QuestionAnswer $Number $Title 'Failed' "$($rb.Keyword) does not show the written $($rb.Setting) at once" $evidence
}

function Test-Question5
{
    param ($Context, [int] $Number, [string] $Title)
    $d = $Context.Descriptions
    if ($null -eq $d) { return New-QuestionAnswer $Number $Title 'NotRun' 'Get-NetAdapter was not read' }
    $evidence = @("InterfaceDescriptions (Get-NetAdapter -IncludeHidden): $($d.All -join '; ')")
    if (@($d.Duplicates).Count -gt 0) { return New-QuestionAnswer $Number $Title 'Failed' "InterfaceDescription is not unique: $($d.Duplicates -join '; ')" $evidence }
    return New-QuestionAnswer $Number $Title 'Answered' 'every InterfaceDescription on this host is unique; the per-property comparison of question 6 shows the provider filtered to the right instance' $evidence
}

function Get-CimErrorClass
{
    # How dscoffload classifies a provider error (CimErrorClassifier): from MSFT_WmiError's error_Type/error_Code,
    # else CIMStatusCode, else MI's own result. Returns AccessDenied, InvalidParameter or Other.
    param ($Rejected)
    $code = $Rejected.ErrorCode
    $type = [string]$Rejected.ErrorType
    if ($null -ne $code)
    {
        # As an unsigned 32-bit number: an HRESULT may arrive as a negative Int32 (0x80070005 is one in PowerShell).
        $c = ([int64]$code) -band 0xFFFFFFFFL
        if ($type -eq 'Win32' -and $c -eq 5) { return 'AccessDenied' }
        if ($type -eq 'Win32' -and ($c -eq 87 -or $c -eq 13)) { return 'InvalidParameter' }
        if ($type -eq 'HRESULT' -and ($c -eq 0x80070005L -or $c -eq 0x80041003L)) { return 'AccessDenied' }
        if ($type -eq 'HRESULT' -and ($c -eq 0x80070057L -or $c -eq 0x8007000DL -or $c -eq 0x80041008L -or $c -eq 0x80041005L)) { return 'InvalidParameter' }
        if ($type -eq 'MI' -and $c -eq 2) { return 'AccessDenied' }
        if ($type -eq 'MI' -and @(4, 12, 13) -contains $c) { return 'InvalidParameter' }
    }
    if ($Rejected.CimStatusCode -eq 2) { return 'AccessDenied' }
    if (@(4, 12, 13) -contains $Rejected.CimStatusCode) { return 'InvalidParameter' }
    if ($Rejected.NativeErrorCode -eq 'AccessDenied') { return 'AccessDenied' }
    if (@('InvalidParameter', 'TypeMismatch', 'NoSuchProperty') -contains [string]$Rejected.NativeErrorCode) { return 'InvalidParameter' }
    return 'Other'
}

function Test-Question6
{
    param ($Context, [int] $Number, [string] $Title)
    $lines = @($Context.AdapterComparison)
    if ($lines.Count -eq 0) { return New-QuestionAnswer $Number $Title 'NotRun' 'needs -Adapter' }
    $different = @($lines | Where-Object { $_ -like '*DIFFERENT*' })
    $compared = $lines.Count
    $rejected = if ($Context.PSObject.Properties['RejectedWrite']) { $Context.RejectedWrite } else { $null }
    $errors = 'error mapping: not provoked (run with -AllowChanges)'
    $status = 'Answered'
    if ($null -ne $rejected)
    {
        $lines += "rejected write: $($rejected.Evidence)"
        if ($rejected.Accepted) { $errors = 'error mapping: the provider accepted a value outside ValidRegistryValues (restored)'; $status = 'Failed' }
        elseif ((Get-CimErrorClass $rejected) -eq 'InvalidParameter') { $errors = 'error mapping: a rejected value is classified as invalid parameter, as dscoffload expects' }
        else { $errors = 'error mapping: dscoffload would NOT classify the rejected value as invalid parameter (see the error instance)'; $status = 'Failed' }
    }
    if ($different.Count -gt 0) { return New-QuestionAnswer $Number $Title 'Failed' "$($different.Count) of $compared values differ from Windows' cmdlets; $errors" $lines }
    return New-QuestionAnswer $Number $Title $status "all $compared values compared equal Windows' cmdlets (uint8, uint32, boolean and enum mapping); $errors" $lines
}

function Test-Question7
{
    param ($Context, [int] $Number, [string] $Title)
    $lines = @($Context.RegistryComparison)
    if ($lines.Count -eq 0) { return New-QuestionAnswer $Number $Title 'NotRun' 'the GlobalOffload get did not give tcpipParameters' }
    $different = @($lines | Where-Object { $_ -like '*DIFFERENT*' })
    if ($different.Count -gt 0) { return New-QuestionAnswer $Number $Title 'Failed' 'tcpipParameters differ from the registry' $lines }
    return New-QuestionAnswer $Number $Title 'Answered' 'tcpipParameters read by dscoffload equal Tcpip\Parameters in the registry (writes of the registry are not tried by this script)' $lines
}

function Test-Question8
{
    param ($Context, [int] $Number, [string] $Title)
    $elevated = $Context.Host.Elevated
    $set = Find-Step $Context 'resource set as a standard user (expected refusal)'
    $gets = @($Context.Steps | Where-Object { $_.Name -like 'resource get*' })
    $evidence = @("elevated: $elevated") + @($gets | ForEach-Object { Get-StepLine $_ })
    if ($elevated -eq $true) { return New-QuestionAnswer $Number $Title 'Manual' 'this run was elevated; run the script once more from a PowerShell that is not elevated to see how a standard user fares' $evidence }
    $failedGets = @($gets | Where-Object { $_.ExitCode -ne 0 })
    if ($null -ne $set) { $evidence += (Get-StepLine $set) }
    if ($failedGets.Count -gt 0 -or ($null -ne $set -and $set.ExitCode -ne 3)) { return New-QuestionAnswer $Number $Title 'Failed' 'as a standard user a read failed or a set was not refused with exit 3' $evidence }
    return New-QuestionAnswer $Number $Title 'Answered' 'as a standard user every read works and a set is refused with exit 3 before any change' $evidence
}

function Test-Question9
{
    param ($Context, [int] $Number, [string] $Title)
    $classes = $Context.SettingDataClasses
    if ($null -eq $classes) { return New-QuestionAnswer $Number $Title 'NotRun' 'the CIM classes were not listed' }
    $evidence = @("ROOT/StandardCimv2 MSFT_NetAdapter*SettingData present: $($classes.Present -join ', ')", "missing: $(if (@($classes.Missing).Count) { $classes.Missing -join ', ' } else { 'none' })")
    if (@($classes.Missing).Count -eq 0) { return New-QuestionAnswer $Number $Title 'Answered' 'every setting-data class exists on this host: the NDIS-keyword fallback does not apply here' $evidence }
    return New-QuestionAnswer $Number $Title 'Manual' 'some classes are missing: the fallback applies for them; compare the get step with Get-NetAdapterAdvancedProperty' $evidence
}

function Test-Question10
{
    param ($Context, [int] $Number, [string] $Title)
    $lines = @($Context.GlobalComparison)
    if ($lines.Count -eq 0) { return New-QuestionAnswer $Number $Title 'NotRun' 'Get-NetOffloadGlobalSetting was not compared' }
    $different = @($lines | Where-Object { $_ -like '*DIFFERENT*' })
    $status = if ($different.Count -gt 0) { 'Failed' } else { 'Manual' }
    return New-QuestionAnswer $Number $Title $status "dscoffload reads the global settings as Get-NetOffloadGlobalSetting does$(if ($different.Count) { ' except where marked' }); whether Windows $($Context.Host.OsVersion) still honours each switch cannot be read back, only measured (throughput, netstat -t offload state)" $lines
}

function Test-Question11
{
    param ($Context, [int] $Number, [string] $Title)
    $lines = @($Context.RssRscComparison)
    if ($lines.Count -eq 0) { return New-QuestionAnswer $Number $Title 'NotRun' 'needs -Adapter (and an adapter with RSS or RSC)' }
    $different = @($lines | Where-Object { $_ -like '*DIFFERENT*' })
    if ($different.Count -gt 0) { return New-QuestionAnswer $Number $Title 'Failed' 'RSS or RSC values differ from Get-NetAdapterRss/Get-NetAdapterRsc' $lines }
    return New-QuestionAnswer $Number $Title 'Answered' 'RSS settings and RSC operational state equal Get-NetAdapterRss/Get-NetAdapterRsc; out-of-range processor numbers are not tried' $lines
}

function Test-Question12
{
    param ($Context, [int] $Number, [string] $Title)
    $installed = Find-Step $Context 'resource get GlobalOffload'
    $renamed = Find-Step $Context "resource get with $script:NativeLibrary removed from a copy (expected exit 1 naming it)"
    $evidence = @((Get-StepLine $installed), (Get-StepLine $renamed))
    if ($null -eq $installed -or $null -eq $renamed) { return New-QuestionAnswer $Number $Title 'NotRun' 'the two get steps did not run' $evidence }
    $ok = $installed.ExitCode -eq 0 -and $renamed.ExitCode -eq 1 -and $renamed.StdErr -match [regex]::Escape($script:NativeLibrary)
    if ($ok) { return New-QuestionAnswer $Number $Title 'Answered' 'the installed exe finds the DLL beside it; without it the error is exit 1 naming the file' $evidence }
    return New-QuestionAnswer $Number $Title 'Failed' 'the installed exe did not find the DLL, or the missing DLL did not give exit 1 naming the file' $evidence
}

function Test-Question13
{
    param ($Context, [int] $Number, [string] $Title)
    $d = $Context.ModuleDiscovery
    if ($null -eq $d) { return New-QuestionAnswer $Number $Title 'NotRun' 'the module was not built' }
    $evidence = @("Get-Module -ListAvailable ExportedDscResources: $($d.Exported -join ', ')", "Get-DscResource -Module DscOffload: $($d.DscResource)")
    if (@($d.Exported).Count -eq 0) { return New-QuestionAnswer $Number $Title 'Failed' 'Get-Module -ListAvailable reports no DSC resources' $evidence }
    if ($d.DscResourceAvailable -ne $true) { return New-QuestionAnswer $Number $Title 'Manual' 'Get-Module lists the resources; Get-DscResource did not run (install PSDesiredStateConfiguration 2.0.7 and run again); the Machine Configuration agent is not exercised' $evidence }
    if (@($d.DscResourceNames).Count -eq 0) { return New-QuestionAnswer $Number $Title 'Failed' 'Get-DscResource finds no DscOffload resource' $evidence }
    return New-QuestionAnswer $Number $Title 'Answered' 'Get-Module -ListAvailable and Get-DscResource both find the resources; the Machine Configuration agent is not exercised' $evidence
}

function Test-Question14
{
    param ($Context, [int] $Number, [string] $Title)
    return New-QuestionAnswer $Number $Title 'Manual' 'needs an Azure guest assignment; this script cannot show the portal. Assign a package built from the installed binary and attach a screenshot of its Reasons.'
}

function Test-Question15
{
    param ($Context, [int] $Number, [string] $Title)
    return New-QuestionAnswer $Number $Title 'Manual' 'not decided on a host: it concerns MOFs built by other tools and the agent; not needed by dscoffload'
}

function Test-Question16
{
    param ($Context, [int] $Number, [string] $Title)
    return New-QuestionAnswer $Number $Title 'Manual' 'a question for the maintainers, not something a host can decide' @("$script:NativeLibrary in the package: $($Context.Host.NativeLibraryPresent)")
}

function Test-Question17
{
    param ($Context, [int] $Number, [string] $Title)
    return New-QuestionAnswer $Number $Title 'Manual' 'this script needs no build tools and runs no unit tests; the GitHub Actions Windows workflow runs the suite' @("PowerShell $($Context.Host.PowerShell)")
}

function Test-Question18
{
    param ($Context, [int] $Number, [string] $Title)
    return New-QuestionAnswer $Number $Title 'Manual' 'needs a write one step off the documented range, which this script does not provoke: compare Get-NetAdapterAdvancedProperty -AllProperties (NumericParameterBaseValue, MinValue, MaxValue, StepValue) of a numeric keyword with what the driver accepts'
}

function Test-Question19
{
    param ($Context, [int] $Number, [string] $Title)
    return New-QuestionAnswer $Number $Title 'Manual' 'needs a driver that has only *TCPUDPChecksumOffloadIPv4/IPv6: check Get-NetAdapterAdvancedProperty for the grouped and per-protocol keywords, and Get-NetAdapterChecksumOffload before and after a write of one protocol'
}

function Test-Question20
{
    param ($Context, [int] $Number, [string] $Title)
    $rb = $Context.ReadBack
    $set = Find-Step $Context 'resource set, restart Never'
    if ($null -eq $rb -or $rb.Setting -ne 'ipsecOffload' -or $null -eq $set) { return New-QuestionAnswer $Number $Title 'NotRun' 'needs -AllowChanges -Setting ipsecOffload on an adapter with IPsec task offload v2' }
    $signals = $Context.NeverRestartSignals
    $evidence = @((Get-StepLine $set))
    if ($null -ne $signals) { $evidence += @($signals.Evidence) }
    if ($set.ExitCode -ne 0) { return New-QuestionAnswer $Number $Title 'Failed' 'the Set method failed (see the error line)' $evidence }
    if ($null -ne $signals -and $signals.Restarted) { return New-QuestionAnswer $Number $Title 'Failed' 'the adapter restarted although Set was called with NoRestart' $evidence }
    return New-QuestionAnswer $Number $Title 'Answered' 'Set(Enabled, NoRestart = true) returned 0 and the adapter did not restart during the restart: Never set' $evidence
}

function Test-Question21
{
    # Says which settings dscoffload treats as without effect on this host's build; whether Windows itself refuses them is not provoked.
    param ($Context, [int] $Number, [string] $Title)
    $build = $null
    if ($Context.Host -and "$($Context.Host.OsVersion)" -match '\(build (\d+)\)') { $build = [int]$Matches[1] }
    if ($null -eq $build) { return New-QuestionAnswer $Number $Title 'NotRun' 'the host build was not read' }
    $none = @()
    if ($build -ge 6000) { $none += 'tcpipParameters.enableTCPChimney', 'tcpipParameters.enableRSS' }
    if ($build -ge 9200) { $none += 'tcpipParameters.enableTCPA' }
    if ($build -ge 16299) { $none += 'chimney', 'tcpConnectionOffloadIPv4', 'tcpConnectionOffloadIPv6' }
    $evidence = @("host build $build; dscoffload treats as without effect: $($none -join ', ')") + @($Context.GlobalComparison | Where-Object { $_ -like 'chimney*' })
    return New-QuestionAnswer $Number $Title 'Manual' "on build $build dscoffload refuses turning these on and satisfies turning them off without writing; check whether Set-NetOffloadGlobalSetting -Chimney Enabled fails here or succeeds with no effect (Get-NetOffloadGlobalSetting, then set it back)" $evidence
}

function Test-Question22
{
    # StateDirectoryAcl: what Get-Acl reads of %ProgramData%\DscOffload after the run (Read-StateDirectoryAcl).
    param ($Context, [int] $Number, [string] $Title)
    $acl = $Context.StateDirectoryAcl
    if ($null -eq $acl -or -not $acl.Exists) { return New-QuestionAnswer $Number $Title 'NotRun' 'the state directory does not exist yet: run with -Adapter and -AllowChanges (a set creates it)' }
    $evidence = @("$($acl.Path): owner $($acl.Owner), protected (inheritance off): $($acl.Protected)") + @($acl.Entries) + @($acl.Files | ForEach-Object { "file $_" })
    $trusted = @('S-1-5-18', 'S-1-5-32-544')
    $problems = @()
    if (-not $acl.Protected) { $problems += 'the DACL inherits from %ProgramData%' }
    if ($trusted -notcontains $acl.OwnerSid) { $problems += "owned by $($acl.Owner)" }
    $others = @($acl.EntrySids | Where-Object { $trusted -notcontains $_ })
    if ($others.Count -gt 0) { $problems += "entries for $($others -join ', ')" }
    $strangers = @($acl.FileOwnerSids | Where-Object { $trusted -notcontains $_ })
    if ($strangers.Count -gt 0) { $problems += "files owned by $($strangers -join ', ')" }
    if ($problems.Count -gt 0) { return New-QuestionAnswer $Number $Title 'Failed' "the state directory is not SYSTEM and Administrators only: $($problems -join '; ')" $evidence }
    return New-QuestionAnswer $Number $Title 'Answered' 'the state directory has a protected DACL for SYSTEM and Administrators only, and they own it and its files; that a planted file is refused needs a second, standard account (see the page)' $evidence
}

function Invoke-QuestionCheck
{
    # Runs every check over the context; a check that throws is reported as Failed with the error.
    param ([Parameter(Mandatory = $true)] $Context)
    foreach ($q in Get-VerificationQuestion)
    {
        try { & $q.Check $Context $q.Number $q.Title }
        catch { New-QuestionAnswer $q.Number $q.Title 'Failed' "the check failed: $($_.Exception.Message)" }
    }
}

# ---------------------------------------------------------------------------------------------------------
# Host functions (Windows only): install, run dscoffload, read what Windows reports.
# ---------------------------------------------------------------------------------------------------------

function Install-DscOffloadPackage
{
    # Copies the zip's (or folder's) contents into $Destination and returns the folder holding dscoffload.exe.
    # The script never runs the binary where it was built or downloaded.
    param ([Parameter(Mandatory = $true)] [string] $Source, [string] $SumsPath, [Parameter(Mandatory = $true)] [string] $Destination)
    $notes = @()
    if (Test-Path -LiteralPath $Source -PathType Leaf)
    {
        if ($SumsPath)
        {
            $hash = (Get-FileHash -Algorithm SHA256 -LiteralPath $Source).Hash.ToLowerInvariant()
            $notes += Test-Sha256Sums -SumsText ([System.IO.File]::ReadAllText((Resolve-Path -LiteralPath $SumsPath).Path)) -FileName (Split-Path -Leaf $Source) -ActualHash $hash
        }
        else { $notes += 'no SHA256SUMS given: the zip was not checked' }
        Expand-Archive -LiteralPath $Source -DestinationPath $Destination -Force -WhatIf:$false -Confirm:$false
    }
    elseif (Test-Path -LiteralPath $Source -PathType Container)
    {
        if ($SumsPath) { throw '-Sha256Sums checks a zip; -Package names a folder' }
        New-Item -ItemType Directory -Force -Path $Destination -WhatIf:$false -Confirm:$false | Out-Null
        Copy-Item -Path (Join-Path $Source '*') -Destination $Destination -Recurse -Force -WhatIf:$false -Confirm:$false
        $notes += "copied from the folder $Source"
    }
    else { throw "-Package: no such file or folder: $Source" }
    $exe = Get-ChildItem -LiteralPath $Destination -Recurse -Filter 'dscoffload.exe' | Select-Object -First 1
    if ($null -eq $exe) { throw "the package has no dscoffload.exe: $Source" }
    return [pscustomobject]@{ Folder = $exe.DirectoryName; Exe = $exe.FullName; Notes = $notes }
}

function Get-BinaryKind
{
    # A .NET single-file bundle carries a fixed 32-byte signature in its header; a Native AOT exe does not.
    param ([string] $Path)
    $signature = [byte[]](0x8b, 0x12, 0x02, 0xb9, 0x6a, 0x61, 0x20, 0x38, 0x72, 0x7b, 0x93, 0x02, 0x14, 0xd7, 0xa0, 0x32,
        0x13, 0xf5, 0xb9, 0xe6, 0xef, 0xae, 0x33, 0x18, 0xee, 0x3b, 0x2d, 0xce, 0x24, 0xb3, 0x6a, 0xae)
    $latin1 = [System.Text.Encoding]::GetEncoding(28591)
    $text = $latin1.GetString([System.IO.File]::ReadAllBytes($Path))
    if ($text.Contains($latin1.GetString($signature))) { return 'trimmed single-file bundle' }
    return 'Native AOT (no single-file bundle header)'
}

function Invoke-Tool
{
    # Runs a program with stdin text; returns a step result and appends it to $Context.Steps.
    param ($Context, [string] $Name, [string] $Exe, [string] $Arguments, [string] $StdIn = '', [int[]] $Expected = @(0), [string] $Note = '')
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = $Exe
    $info.Arguments = $Arguments
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    # dscoffload reads and writes UTF-8; Windows PowerShell's .NET would use the console code page (an adapter
    # name with a non-ASCII letter would be mangled), and it has no StandardInputEncoding: write the bytes.
    $utf8 = New-Object System.Text.UTF8Encoding $false
    $info.StandardOutputEncoding = $utf8
    $info.StandardErrorEncoding = $utf8
    $process = [System.Diagnostics.Process]::Start($info)
    $out = $process.StandardOutput.ReadToEndAsync()
    $err = $process.StandardError.ReadToEndAsync()
    if ($StdIn)
    {
        $bytes = $utf8.GetBytes($StdIn)
        $process.StandardInput.BaseStream.Write($bytes, 0, $bytes.Length)
    }
    $process.StandardInput.Close()
    $process.WaitForExit()
    $step = New-StepResult -Name $Name -Command "dscoffload $Arguments" -StdIn $StdIn -ExitCode $process.ExitCode -StdOut $out.Result -StdErr $err.Result -ExpectedExitCodes $Expected -Note $Note
    [void]$Context.Steps.Add($step)
    $mark = if ($step.Passed) { 'ok' } else { 'UNEXPECTED' }
    Write-Host ("[{0}] {1}: exit {2}" -f $mark, $Name, $step.ExitCode)
    return $step
}

function Invoke-Resource
{
    param ($Context, [string] $Name, [string] $Operation, [string] $Type, [hashtable] $Desired, [switch] $WhatIf, [int[]] $Expected = @(0))
    $arguments = "resource $Operation --type $Type" + $(if ($WhatIf) { ' --what-if' } else { '' })
    return Invoke-Tool $Context $Name $Context.Exe $arguments ($Desired | ConvertTo-Json -Compress -Depth 5) $Expected
}

function Get-AdapterWindowsValue
{
    # What Windows' own cmdlets report for the properties dscoffload reads, by dscoffload's names.
    param ([string] $Name)
    $values = @{}
    $lso = Get-NetAdapterLso -Name $Name -ErrorAction SilentlyContinue
    if ($lso) { $values.lsoV1IPv4 = $lso.V1IPv4Enabled; $values.lsoIPv4 = $lso.IPv4Enabled; $values.lsoIPv6 = $lso.IPv6Enabled }
    $sum = Get-NetAdapterChecksumOffload -Name $Name -ErrorAction SilentlyContinue
    if ($sum)
    {
        $values.checksumIPv4 = $sum.IpIPv4Enabled; $values.checksumTcpIPv4 = $sum.TcpIPv4Enabled; $values.checksumTcpIPv6 = $sum.TcpIPv6Enabled
        $values.checksumUdpIPv4 = $sum.UdpIPv4Enabled; $values.checksumUdpIPv6 = $sum.UdpIPv6Enabled
    }
    $rss = Get-NetAdapterRss -Name $Name -ErrorAction SilentlyContinue
    if ($rss)
    {
        $values.rss = $rss.Enabled; $values.rssProfile = $rss.Profile; $values.rssBaseProcessorNumber = $rss.BaseProcessorNumber
        $values.rssMaxProcessorNumber = $rss.MaxProcessorNumber; $values.rssMaxProcessors = $rss.MaxProcessors
        $values.rssNumberOfReceiveQueues = $rss.NumberOfReceiveQueues
        $values.rssBaseProcessorGroup = $rss.BaseProcessorGroup; $values.rssMaxProcessorGroup = $rss.MaxProcessorGroup; $values.rssNumaNode = $rss.NumaNode
    }
    $rsc = Get-NetAdapterRsc -Name $Name -ErrorAction SilentlyContinue
    if ($rsc)
    {
        $values.rscIPv4 = $rsc.IPv4Enabled; $values.rscIPv6 = $rsc.IPv6Enabled
        $values.rscIPv4Operational = "$($rsc.IPv4OperationalState) ($($rsc.IPv4FailureReason))"
        $values.rscIPv6Operational = "$($rsc.IPv6OperationalState) ($($rsc.IPv6FailureReason))"
    }
    $ipsec = Get-NetAdapterIPsecOffload -Name $Name -ErrorAction SilentlyContinue
    if ($ipsec) { $values.ipsecOffload = $ipsec.Enabled }
    return $values
}

function Get-StateValue
{
    # dscoffload's get state as a hashtable of scalar values (the same names as Get-AdapterWindowsValue).
    param ($State)
    $values = @{}
    if ($null -eq $State) { return $values }
    foreach ($p in $State.PSObject.Properties)
    {
        if ($null -eq $p.Value -or $p.Value -is [string] -or $p.Value -is [bool] -or $p.Value -is [ValueType]) { $values[$p.Name] = $p.Value }
    }
    if ($State.PSObject.Properties['operationalState'] -and $State.operationalState)
    {
        foreach ($p in $State.operationalState.PSObject.Properties) { $values["$($p.Name)Operational"] = $p.Value }
    }
    return $values
}

function Get-RestartSignal
{
    # Signs that an adapter restarted: its receive counter starts again from zero, and the System log names it.
    param ([string] $Name)
    $stats = Get-NetAdapterStatistics -Name $Name -ErrorAction SilentlyContinue
    return [pscustomobject]@{ Time = Get-Date; ReceivedBytes = $(if ($stats) { [uint64]$stats.ReceivedBytes } else { $null }) }
}

function Compare-RestartSignal
{
    param ([string] $Name, [string] $Description, $Before, $After, [string] $Phase)
    $events = @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; StartTime = $Before.Time } -ErrorAction SilentlyContinue |
        Where-Object { $_.Message -and ($_.Message.Contains($Name) -or $_.Message.Contains($Description)) })
    $reset = $null -ne $Before.ReceivedBytes -and $null -ne $After.ReceivedBytes -and $After.ReceivedBytes -lt $Before.ReceivedBytes
    $evidence = @("${Phase}: received bytes $($Before.ReceivedBytes) before, $($After.ReceivedBytes) after (counter reset: $reset)")
    $evidence += @($events | Select-Object -First 5 | ForEach-Object { "${Phase}: System log $($_.TimeCreated.ToString('s')) $($_.ProviderName) $($_.Id): $(($_.Message -split "`r?`n")[0])" })
    # Only the counter decides: the System log lines are evidence for a person (an adapter name matches many lines).
    return [pscustomobject]@{ Restarted = $reset; Evidence = $evidence }
}

function Get-JournalId
{
    param ($Context, [string] $Name)
    $step = Invoke-Tool $Context $Name $Context.Exe 'rollback --list --format json'
    $list = ConvertFrom-DscOffloadOutput $step.StdOut
    if ($null -eq $list) { return @() }
    return @($list.entries | ForEach-Object { $_.id })
}

function Read-HostFacts
{
    # Read-only comparisons of dscoffload's report with Windows' own: questions 2, 5, 6, 7, 9, 10, 11.
    param ($Context, [string] $AdapterName)
    $all = @(Get-NetAdapter -IncludeHidden)
    $Context.Descriptions = [pscustomobject]@{
        All = @($all | ForEach-Object { $_.InterfaceDescription })
        Duplicates = @($all | Group-Object InterfaceDescription | Where-Object { $_.Count -gt 1 } | ForEach-Object { $_.Name })
    }
    $hidden = Invoke-Resource $Context 'resource get NetAdapterOffload (every adapter, includeHidden)' 'get' $script:NetAdapterType @{ name = '*'; includeHidden = $true }
    $hiddenState = ConvertFrom-DscOffloadOutput $hidden.StdOut
    if ($hiddenState -and $hiddenState.PSObject.Properties['adapters'])
    {
        $Context.HiddenComparison = [pscustomobject]@{ Windows = @($all | ForEach-Object { $_.Name }); DscOffload = @($hiddenState.adapters | ForEach-Object { $_.name }) }
    }

    $present = @(Get-CimClass -Namespace 'root/StandardCimv2' -ClassName 'MSFT_Net*' -ErrorAction SilentlyContinue | ForEach-Object { $_.CimClassName })
    $expected = 'MSFT_NetAdapter', 'MSFT_NetAdapterAdvancedPropertySettingData', 'MSFT_NetAdapterChecksumOffloadSettingData', 'MSFT_NetAdapterIPsecOffloadV2SettingData',
        'MSFT_NetAdapterLsoSettingData', 'MSFT_NetAdapterRscSettingData', 'MSFT_NetAdapterRssSettingData', 'MSFT_NetOffloadGlobalSetting'
    $Context.SettingDataClasses = [pscustomobject]@{ Present = @($expected | Where-Object { $present -contains $_ }); Missing = @($expected | Where-Object { $present -notcontains $_ }) }

    $global = Invoke-Resource $Context 'resource get GlobalOffload' 'get' $script:GlobalType @{}
    $globalState = ConvertFrom-DscOffloadOutput $global.StdOut
    if ($globalState)
    {
        $g = Get-NetOffloadGlobalSetting
        $Context.GlobalComparison = Compare-ReportedValue (Get-StateValue $globalState) @{
            chimney = $g.Chimney; receiveSideScaling = $g.ReceiveSideScaling; receiveSegmentCoalescing = $g.ReceiveSegmentCoalescing
            taskOffload = $g.TaskOffload; packetCoalescingFilter = $g.PacketCoalescingFilter; networkDirect = $g.NetworkDirect }
        if ($globalState.PSObject.Properties['tcpipParameters'] -and $globalState.tcpipParameters)
        {
            $registry = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters'
            $ours = @{}; $theirs = @{}
            foreach ($pair in @(@('enableTCPChimney', 'EnableTCPChimney'), @('enableRSS', 'EnableRSS'), @('enableTCPA', 'EnableTCPA'), @('disableTaskOffload', 'DisableTaskOffload')))
            {
                $ours[$pair[0]] = $(if ($globalState.tcpipParameters.PSObject.Properties[$pair[0]]) { $globalState.tcpipParameters.($pair[0]) } else { '(absent)' })
                $theirs[$pair[0]] = $(if ($registry.PSObject.Properties[$pair[1]]) { $registry.($pair[1]) } else { $null })
                if ($null -eq $ours[$pair[0]]) { $ours[$pair[0]] = '' }
                if ($null -eq $theirs[$pair[0]]) { $theirs[$pair[0]] = '' }
            }
            $Context.RegistryComparison = Compare-ReportedValue $ours $theirs
        }
    }

    Invoke-Resource $Context 'resource get NetAdapterOffload (every adapter)' 'get' $script:NetAdapterType @{ name = '*' } | Out-Null
    if (-not $AdapterName) { return }
    $one = Invoke-Resource $Context "resource get NetAdapterOffload '$AdapterName'" 'get' $script:NetAdapterType @{ name = $AdapterName }
    $windows = Get-AdapterWindowsValue $AdapterName
    $ours = Get-StateValue (ConvertFrom-DscOffloadOutput $one.StdOut)
    $Context.AdapterComparison = Compare-ReportedValue $ours $windows
    $Context.RssRscComparison = @($Context.AdapterComparison | Where-Object { $_ -match '^(rss|rsc)' })
}

function Test-NativeLibraryMissing
{
    # Question 12: a copy of the installed folder without MI's native library must fail with exit 1 naming it.
    param ($Context)
    $copy = "$($Context.InstallFolder)-without-native-library"
    if (Test-Path -LiteralPath $copy) { Remove-Item -LiteralPath $copy -Recurse -Force -WhatIf:$false -Confirm:$false }
    Copy-Item -LiteralPath $Context.InstallFolder -Destination $copy -Recurse -WhatIf:$false -Confirm:$false
    Remove-Item -LiteralPath (Join-Path $copy $script:NativeLibrary) -ErrorAction SilentlyContinue -WhatIf:$false -Confirm:$false
    Invoke-Tool $Context "resource get with $script:NativeLibrary removed from a copy (expected exit 1 naming it)" (Join-Path $copy 'dscoffload.exe') "resource get --type $script:GlobalType" '{}' @(1) | Out-Null
    Remove-Item -LiteralPath $copy -Recurse -Force -WhatIf:$false -Confirm:$false
}

function Test-ModuleDiscovery
{
    # Question 13: the module the binary writes, found as PowerShell and PSDesiredStateConfiguration find it.
    param ($Context, [string] $Scratch)
    $modules = Join-Path $Scratch 'modules'
    $step = Invoke-Tool $Context 'package powershell-module' $Context.Exe "package powershell-module --output `"$modules`""
    if ($step.ExitCode -ne 0) { return }
    $saved = $env:PSModulePath
    try
    {
        $env:PSModulePath = $modules
        $listed = @(Get-Module -ListAvailable -Name DscOffload)
        $exported = @($listed | ForEach-Object { $_.ExportedDscResources })
    }
    finally { $env:PSModulePath = $saved }
    $d = [pscustomobject]@{ Exported = $exported; DscResourceAvailable = $false; DscResource = 'not run: PSDesiredStateConfiguration is not installed'; DscResourceNames = @() }
    if (Get-Module -ListAvailable -Name PSDesiredStateConfiguration | Where-Object { $_.Version -ge [version]'2.0' })
    {
        $env:PSModulePath = "$modules;$saved"
        try
        {
            $found = @(Get-DscResource -Module DscOffload -ErrorAction Stop)
            $d.DscResourceAvailable = $true; $d.DscResourceNames = @($found | ForEach-Object { $_.Name }); $d.DscResource = ($d.DscResourceNames -join ', ')
        }
        catch { $d.DscResourceAvailable = $true; $d.DscResource = "error: $($_.Exception.Message)" }
        finally { $env:PSModulePath = $saved }
    }
    $Context.ModuleDiscovery = $d
}

function Read-Setting
{
    # The setting as Windows reports it, and the advanced property behind it (LSO only).
    param ([string] $AdapterName, [string] $Setting)
    $value = (Get-AdapterWindowsValue $AdapterName)[$Setting]
    $keyword = @{ lsoIPv4 = '*LsoV2IPv4'; lsoIPv6 = '*LsoV2IPv6'; lsoV1IPv4 = '*LsoV1IPv4' }[$Setting]
    $keywordValue = $null
    if ($keyword)
    {
        $advanced = Get-NetAdapterAdvancedProperty -Name $AdapterName -RegistryKeyword $keyword -ErrorAction SilentlyContinue
        if ($advanced) { $keywordValue = @($advanced.RegistryValue)[0] }
    }
    return [pscustomobject]@{ Value = $value; Keyword = $keyword; KeywordValue = $keywordValue }
}

function Get-RejectedWriteError
{
    # Provokes one rejected ModifyInstance (question 6): an enum advanced property of the adapter set to a value
    # outside its ValidRegistryValues, straight through CIM (dscoffload itself refuses such a value before writing).
    # Records MI's result and the provider's error instance; if the provider accepts the value, it is put back at once.
    param ([string] $AdapterName)
    $property = Get-NetAdapterAdvancedProperty -Name $AdapterName -AllProperties -ErrorAction SilentlyContinue |
        Where-Object { @($_.ValidRegistryValues).Count -gt 0 -and $_.RegistryKeyword -like '`**' } | Select-Object -First 1
    if ($null -eq $property) { return $null }
    $original = @($property.RegistryValue)
    $instance = Get-CimInstance -Namespace 'ROOT/StandardCimv2' -ClassName 'MSFT_NetAdapterAdvancedPropertySettingData' |
        Where-Object { $_.InterfaceDescription -eq $property.InterfaceDescription -and $_.RegistryKeyword -eq $property.RegistryKeyword } | Select-Object -First 1
    if ($null -eq $instance) { return $null }
    $instance.RegistryValue = [string[]]@('987654')
    try
    {
        Set-CimInstance -InputObject $instance -ErrorAction Stop
        $instance.RegistryValue = [string[]]$original
        Set-CimInstance -InputObject $instance -ErrorAction SilentlyContinue
        return [pscustomobject]@{ Accepted = $true; Evidence = "$($property.RegistryKeyword) = 987654 was accepted; put back to $($original -join ',')" }
    }
    catch
    {
        $e = $_.Exception
        while ($null -ne $e -and -not $e.PSObject.Properties['NativeErrorCode']) { $e = $e.InnerException }
        $data = if ($null -ne $e -and $e.PSObject.Properties['ErrorData']) { $e.ErrorData } else { $null }
        $get = { param ($name) if ($null -ne $data -and $data.CimInstanceProperties[$name]) { $data.CimInstanceProperties[$name].Value } else { $null } }
        $result = [pscustomobject]@{
            Accepted = $false
            NativeErrorCode = if ($null -ne $e) { [string]$e.NativeErrorCode } else { $null }
            ErrorType = & $get 'error_Type'; ErrorCode = & $get 'error_Code'; CimStatusCode = & $get 'CIMStatusCode'
            MessageId = & $get 'MessageID'; Message = & $get 'Message'
            Evidence = ''
        }
        $result.Evidence = "$($property.RegistryKeyword) = 987654: MI $($result.NativeErrorCode), error_Type $($result.ErrorType), error_Code $($result.ErrorCode), CIMStatusCode $($result.CimStatusCode), MessageID $($result.MessageId), Message $($result.Message)"
        return $result
    }
}

function Invoke-ChangeSequence
{
    # Flips one boolean setting with restart: Never, then Allowed, then rolls back and checks the restore.
    param ($Context, [string] $AdapterName, [string] $Setting, [string] $Description)
    $before = Read-Setting $AdapterName $Setting
    if ($null -eq $before.Value) { Write-Warning "the adapter reports no $Setting; nothing changed (choose another -Setting)"; return }
    $original = [bool]$before.Value
    $desired = -not $original
    $never = @{ name = $AdapterName; restart = 'Never' }; $never[$Setting] = $desired
    $allowed = @{ name = $AdapterName; restart = 'Allowed' }; $allowed[$Setting] = $desired

    Invoke-Resource $Context 'resource set --what-if, restart Never' 'set' $script:NetAdapterType $never -WhatIf | Out-Null
    $afterWhatIf = Read-Setting $AdapterName $Setting
    $Context.Steps[$Context.Steps.Count - 1].Note = "Windows reads $Setting = $($afterWhatIf.Value) after the what-if (before: $($before.Value)); it must not change."
    if ([string]$afterWhatIf.Value -ne [string]$before.Value) { $Context.Steps[$Context.Steps.Count - 1].Passed = $false }

    $journalBefore = Get-JournalId $Context 'rollback --list (before the changes)'
    $signal = Get-RestartSignal $AdapterName
    Invoke-Resource $Context 'resource set, restart Never' 'set' $script:NetAdapterType $never | Out-Null
    $neverSignals = Compare-RestartSignal $AdapterName $Description $signal (Get-RestartSignal $AdapterName) 'restart: Never'
    $afterNever = Read-Setting $AdapterName $Setting
    $getNever = Invoke-Resource $Context 'resource get after restart Never (restartPending expected)' 'get' $script:NetAdapterType @{ name = $AdapterName }
    $stateNever = ConvertFrom-DscOffloadOutput $getNever.StdOut
    $inDscOffload = $null
    if ($before.Keyword -and $stateNever -and $stateNever.PSObject.Properties['advancedProperties'] -and $stateNever.advancedProperties.PSObject.Properties[$before.Keyword])
    {
        $inDscOffload = $stateNever.advancedProperties.($before.Keyword)
    }
    Invoke-Resource $Context 'resource test, restart Never' 'test' $script:NetAdapterType $never | Out-Null
    $Context.ReadBack = [pscustomobject]@{ Setting = $Setting; Before = $before.Value; Desired = $desired; AfterNever = $afterNever.Value
        Keyword = $before.Keyword; KeywordBefore = $before.KeywordValue; KeywordAfterNever = $afterNever.KeywordValue; KeywordInDscOffload = $inDscOffload }

    $signal = Get-RestartSignal $AdapterName
    Invoke-Resource $Context 'resource set, restart Allowed (one adapter restart expected)' 'set' $script:NetAdapterType $allowed | Out-Null
    $allowedSignals = Compare-RestartSignal $AdapterName $Description $signal (Get-RestartSignal $AdapterName) 'restart: Allowed'
    Invoke-Resource $Context 'resource test, restart Allowed' 'test' $script:NetAdapterType $allowed | Out-Null
    $evidence = @($neverSignals.Evidence) + @($allowedSignals.Evidence)
    if (-not $allowedSignals.Restarted) { $evidence += 'the counter did not reset under restart: Allowed either, so it cannot tell a restart on this driver: look at the System log lines' }
    $Context.NeverRestartSignals = [pscustomobject]@{ Restarted = ($neverSignals.Restarted -and $allowedSignals.Restarted); Evidence = $evidence }

    $journalAfter = Get-JournalId $Context 'rollback --list (after the changes)'
    $new = @($journalAfter | Where-Object { $journalBefore -notcontains $_ })
    foreach ($id in $new)
    {
        # rollback --list is newest first, so this restores the newest change first.
        Invoke-Tool $Context "rollback --what-if --id $id" $Context.Exe "rollback --what-if --id $id --format json" | Out-Null
        Invoke-Tool $Context "rollback --id $id" $Context.Exe "rollback --id $id --format json" | Out-Null
    }
    $restore = @{ name = $AdapterName; restart = 'Allowed' }; $restore[$Setting] = $original
    $test = Invoke-Resource $Context 'resource test after rollback (original value, restart Allowed)' 'test' $script:NetAdapterType $restore
    $state = ConvertFrom-DscOffloadOutput $test.StdOut
    if ($state -and $state.PSObject.Properties['_inDesiredState'] -and $state._inDesiredState -ne $true)
    {
        # The rollback wrote the value back but left the adapter waiting for a restart, or did not restore it.
        Invoke-Resource $Context 'resource set to the original value, restart Allowed (rollback left drift)' 'set' $script:NetAdapterType $restore | Out-Null
    }
    $final = Read-Setting $AdapterName $Setting
    $note = "Windows reads $Setting = $($final.Value) at the end; before the changes it was $original."
    $check = New-StepResult -Name 'restore verified with Windows'' cmdlets' -Command "Get-NetAdapter* -Name '$AdapterName'" -ExitCode $(if ([string]$final.Value -eq [string]$original) { 0 } else { 1 }) -Note $note
    [void]$Context.Steps.Add($check)
    if (-not $check.Passed) { Write-Warning "$note Restore it by hand (Set-NetAdapterLso / Set-NetAdapterAdvancedProperty)." }
}

function Read-StateDirectoryAcl
{
    # Question 20: the owner and access entries of %ProgramData%\DscOffload and the owners of its files, as Get-Acl reads them.
    param ($Context)
    $path = Join-Path $env:ProgramData 'DscOffload'
    $result = [pscustomobject]@{ Path = $path; Exists = (Test-Path -LiteralPath $path); Protected = $false; Owner = ''; OwnerSid = ''; Entries = @(); EntrySids = @(); Files = @(); FileOwnerSids = @() }
    if ($result.Exists)
    {
        $sid = [System.Security.Principal.SecurityIdentifier]
        $acl = Get-Acl -LiteralPath $path
        $result.Protected = $acl.AreAccessRulesProtected
        $result.Owner = $acl.Owner
        $result.OwnerSid = $acl.GetOwner($sid).Value
        $rules = @($acl.GetAccessRules($true, $true, $sid) | Where-Object { $_.AccessControlType -eq 'Allow' })
        $result.Entries = @($rules | ForEach-Object { "$($_.IdentityReference.Value) $($_.FileSystemRights) inherited=$($_.IsInherited) $($_.InheritanceFlags)" })
        $result.EntrySids = @($rules | ForEach-Object { $_.IdentityReference.Value } | Where-Object { $_ -notin @('S-1-3-0', 'S-1-3-1', 'S-1-3-4') } | Select-Object -Unique)
        # change.lock.owner only feeds a message and is never trusted, so it is not checked.
        $files = @(Get-ChildItem -LiteralPath $path -Recurse -Force -ErrorAction SilentlyContinue | Where-Object { $_.Name -ne 'change.lock.owner' })
        $result.Files = @($files | ForEach-Object { "$($_.FullName): $((Get-Acl -LiteralPath $_.FullName).Owner)" })
        $result.FileOwnerSids = @($files | ForEach-Object { (Get-Acl -LiteralPath $_.FullName).GetOwner($sid).Value } | Select-Object -Unique)
    }
    $Context.StateDirectoryAcl = $result
}

function Get-HostFact
{
    param ($Context, [string] $AdapterName, $Installed)
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    $principal = New-Object System.Security.Principal.WindowsPrincipal([System.Security.Principal.WindowsIdentity]::GetCurrent())
    $facts = [ordered]@{
        OsVersion = "$($os.Caption) $($os.Version) (build $($os.BuildNumber))"
        PowerShell = $PSVersionTable.PSVersion.ToString()
        Elevated = $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
        Package = $Package
        Install = $Installed.Folder
        PackageCheck = ($Installed.Notes -join '; ')
        BinaryKind = Get-BinaryKind $Installed.Exe
        NativeLibraryPresent = Test-Path -LiteralPath (Join-Path $Installed.Folder $script:NativeLibrary)
    }
    if ($AdapterName)
    {
        $a = Get-NetAdapter -Name $AdapterName -ErrorAction Stop
        $facts.Adapter = $a.Name
        $facts.InterfaceDescription = $a.InterfaceDescription
        $facts.Driver = "$($a.DriverProvider) $($a.DriverVersion) ($($a.DriverDate)) $($a.DriverFileName)"
        $facts.LinkSpeed = $a.LinkSpeed
    }
    return [pscustomobject]$facts
}

function Invoke-Verification
{
    if (-not $Package) { throw '-Package is required: the release zip (dscoffload-VERSION-win-x64.zip) or a folder' }
    if ($AllowChanges -and -not $Adapter) { throw '-AllowChanges needs -Adapter' }
    if ($env:OS -ne 'Windows_NT') { throw 'this script runs on Windows; its report functions are tested elsewhere by dot-sourcing it' }
    $scratch = if ($InstallPath) { $InstallPath } else { Join-Path ([System.IO.Path]::GetTempPath()) ("dscoffload-verify-" + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
    $installed = Install-DscOffloadPackage -Source $Package -SumsPath $Sha256Sums -Destination (Join-Path $scratch 'install')
    $steps = New-Object System.Collections.ArrayList
    $context = [pscustomobject]@{
        Exe = $installed.Exe; InstallFolder = $installed.Folder; Steps = $steps; Host = $null
        Descriptions = $null; HiddenComparison = $null; SettingDataClasses = $null; GlobalComparison = @(); RegistryComparison = @()
        AdapterComparison = @(); RssRscComparison = @(); ModuleDiscovery = $null; ReadBack = $null; NeverRestartSignals = $null
        RejectedWrite = $null
        StateDirectoryAcl = $null
    }
    $context.Host = Get-HostFact $context $Adapter $installed
    Write-Host "dscoffload installed in $($installed.Folder) ($($context.Host.BinaryKind))"
    Invoke-Tool $context 'dscoffload --version' $installed.Exe '--version' | Out-Null
    Read-HostFacts $context $Adapter
    Test-NativeLibraryMissing $context
    Test-ModuleDiscovery $context $scratch
    $mode = 'read-only'
    if ($Adapter -and -not $context.Host.Elevated)
    {
        $flip = @{ name = $Adapter; restart = 'Never'; lsoIPv4 = $true }
        Invoke-Resource $context 'resource set as a standard user (expected refusal)' 'set' $script:NetAdapterType $flip -Expected @(3) | Out-Null
    }
    if ($AllowChanges)
    {
        $warning = "This changes $Setting of adapter '$Adapter' on $env:COMPUTERNAME twice (restart: Never, then restart: Allowed, which restarts the adapter: its link drops for a few seconds), then rolls it back with dscoffload rollback."
        Write-Warning $warning
        if ($Force -or $PSCmdlet.ShouldProcess("adapter '$Adapter'", "change $Setting, restart it and roll back"))
        {
            $mode = "changes ($Setting on '$Adapter')"
            Invoke-ChangeSequence $context $Adapter $Setting $context.Host.InterfaceDescription
            $context.RejectedWrite = Get-RejectedWriteError $Adapter
        }
    }
    if ($context.Host.Elevated -and -not $env:DSCOFFLOAD_STATE_DIR) { Read-StateDirectoryAcl $context }
    $report = [pscustomobject]@{
        Generated = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'); Mode = $mode; Host = $context.Host
        Questions = @(Invoke-QuestionCheck $context); Steps = @($steps)
    }
    $paths = Write-VerificationReport -Report $report -Directory $OutputDirectory
    Write-Host "report: $($paths -join ', ')"
    if (@($report.Steps | Where-Object { -not $_.Passed }).Count -gt 0) { return 1 }
    return 0
}

# Dot-sourced (". .\Verify-DscOffload.ps1"), the script only defines its functions, for the tests.
if ($MyInvocation.InvocationName -ne '.')
{
    $ErrorActionPreference = 'Stop'
    try { exit (Invoke-Verification) }
    catch { Write-Host "Verify-DscOffload: error: $($_.Exception.Message)"; exit 2 }
}
