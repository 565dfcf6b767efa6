# Runtime of the DscOffload PSDSC wrapper classes. This file is hand-written; `dscoffload package` puts it
# at the top of DscOffload.psm1 and appends the wrapper classes generated from the resource descriptors.
# Every Get/Test/Set runs the native `dscoffload resource ...` binary shipped in this module under
# bin/<rid>/ (never one found through PATH) and passes the desired state as JSON on stdin.

Set-StrictMode -Version 3.0

function Get-DscOffloadBinaryPath
{
    # The binary for this OS and architecture, inside this module: bin/<os>-<arch>/dscoffload[.exe].
    [OutputType([string])]
    param ()

    $runtime = [System.Runtime.InteropServices.RuntimeInformation]
    $platform = [System.Runtime.InteropServices.OSPlatform]
    $onWindows = $runtime::IsOSPlatform($platform::Windows)
    $os = if ($onWindows) { 'win' } elseif ($runtime::IsOSPlatform($platform::OSX)) { 'osx' } else { 'linux' }
    $arch = $runtime::OSArchitecture.ToString().ToLowerInvariant()
    $rid = "$os-$arch"
    $fileName = if ($onWindows) { 'dscoffload.exe' } else { 'dscoffload' }
    $binRoot = Join-Path -Path $PSScriptRoot -ChildPath 'bin'
    $path = Join-Path -Path (Join-Path -Path $binRoot -ChildPath $rid) -ChildPath $fileName
    if (-not (Test-Path -LiteralPath $path -PathType Leaf))
    {
        $present = @(Get-ChildItem -LiteralPath $binRoot -Directory -ErrorAction SilentlyContinue | ForEach-Object { $_.Name })
        $shipped = if ($present.Count -gt 0) { $present -join ', ' } else { 'none' }
        throw "The DscOffload module has no dscoffload binary for this machine ($rid): '$path' does not exist (binaries in this module: $shipped). Build the package for this platform with 'dscoffload package machine-configuration --platform ...'."
    }

    if (-not $onWindows)
    {
        Set-DscOffloadExecutableBit -Path $path
    }

    return $path
}

function Set-DscOffloadExecutableBit
{
    # A zip extracted by a tool that ignores Unix modes leaves the binary without its execute bit.
    param ([Parameter(Mandatory)] [string] $Path)

    $file = [System.IO.File]
    if ($null -ne $file.GetMethod('GetUnixFileMode', [type[]] @([string])))
    {
        $mode = $file::GetUnixFileMode($Path)
        $execute = [System.IO.UnixFileMode] 'UserExecute, GroupExecute, OtherExecute'
        if (($mode -band $execute) -ne $execute)
        {
            $file::SetUnixFileMode($Path, $mode -bor $execute)
        }
    }
    elseif (Test-Path -LiteralPath '/bin/chmod')
    {
        & /bin/chmod 755 $Path
    }
}

function Invoke-DscOffloadOperation
{
    # Runs `dscoffload resource <operation> --type <type>` with the input on stdin; returns the exit
    # code, the stdout lines and the stderr messages ({Level, Text}).
    param (
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [string] $Type,
        [Parameter(Mandatory)] [string] $InputJson
    )

    $binary = Get-DscOffloadBinaryPath
    $start = [System.Diagnostics.ProcessStartInfo]::new()
    $start.FileName = $binary
    $start.Arguments = "resource $Operation --type $Type"
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $start.StandardOutputEncoding = $utf8
    $start.StandardErrorEncoding = $utf8
    if ([string]::IsNullOrEmpty($env:DSC_TRACE_LEVEL))
    {
        $start.Environment['DSC_TRACE_LEVEL'] = 'info'
    }

    Write-Verbose -Message "dscoffload resource $Operation --type $Type <<< $InputJson"
    $process = [System.Diagnostics.Process]::Start($start)
    try
    {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        # The input is pure ASCII (non-ASCII characters are \u-escaped), so no console code page can garble it.
        $bytes = $utf8.GetBytes($InputJson)
        $process.StandardInput.BaseStream.Write($bytes, 0, $bytes.Length)
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(600000))
        {
            $process.Kill()
            throw "dscoffload resource $Operation --type $Type did not finish within 10 minutes and was stopped."
        }

        $process.WaitForExit()
        $messages = [System.Collections.Generic.List[object]]::new()
        foreach ($line in ($stderr.Result -split "`r?`n"))
        {
            if ($line.Trim().Length -eq 0) { continue }
            $message = $null
            try { $message = $line | ConvertFrom-Json -ErrorAction Stop } catch { $message = $null }
            if ($null -ne $message -and $message -is [System.Management.Automation.PSCustomObject] -and @($message.PSObject.Properties).Count -eq 1)
            {
                $property = @($message.PSObject.Properties)[0]
                $messages.Add([pscustomobject] @{ Level = $property.Name; Text = [string] $property.Value })
            }
            else
            {
                $messages.Add([pscustomobject] @{ Level = 'error'; Text = $line })
            }
        }

        foreach ($message in $messages)
        {
            switch ($message.Level)
            {
                'warn' { Write-Warning -Message $message.Text }
                'error' { }
                default { Write-Verbose -Message $message.Text }
            }
        }

        return [pscustomobject] @{
            ExitCode = $process.ExitCode
            Output = @($stdout.Result -split "`r?`n" | Where-Object { $_.Trim().Length -gt 0 })
            Messages = $messages.ToArray()
        }
    }
    finally
    {
        $process.Dispose()
    }
}

function Assert-DscOffloadSuccess
{
    # Throws one line naming the operation, the exit code and its meaning, and the error messages.
    param (
        [Parameter(Mandatory)] $Result,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [string] $Type
    )

    if ($Result.ExitCode -eq 0)
    {
        return
    }

    $meaning = $script:DscOffloadExitCodes[[int] $Result.ExitCode]
    if ($null -eq $meaning) { $meaning = 'unknown exit code' }
    $errors = @($Result.Messages | Where-Object { $_.Level -eq 'error' } | ForEach-Object { $_.Text })
    $detail = if ($errors.Count -gt 0) { ': ' + ($errors -join '; ') } else { '' }
    throw "dscoffload resource $Operation --type $Type failed with exit code $($Result.ExitCode) ($meaning)$detail"
}

function ConvertTo-DscOffloadDesiredState
{
    # The DSC v3 input of a wrapper instance: every key and configurable property that is set, with
    # JSON-text properties parsed back into objects. Read-only properties and nulls are left out.
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param (
        [Parameter(Mandatory)] $Resource,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Shape
    )

    $desired = [ordered] @{}
    foreach ($entry in $Shape.Properties.GetEnumerator())
    {
        $role, $kind = $entry.Value -split ' '
        if ($role -eq 'ReadOnly') { continue }
        $value = $Resource.($entry.Key)
        if ($null -eq $value) { continue }
        switch ($kind)
        {
            'JsonText'
            {
                try { $desired[$entry.Key] = ConvertFrom-Json -InputObject $value -NoEnumerate -ErrorAction Stop }
                catch { throw "Property '$($entry.Key)' of $($Shape.Type) must be JSON text such as '{""key"":true}', not '$value': $($_.Exception.Message)" }
            }
            'StringArray' { $desired[$entry.Key] = [string[]] @($value) }
            default { $desired[$entry.Key] = $value }
        }
    }

    return $desired
}

function ConvertTo-DscOffloadJson
{
    # Compact JSON with every non-ASCII character escaped, as the binary reads it on stdin.
    param ([Parameter(Mandatory)] [AllowNull()] $Value)

    return ConvertTo-Json -InputObject $Value -Depth 32 -Compress -EscapeHandling EscapeNonAscii
}

function ConvertFrom-DscOffloadValue
{
    # A value of the binary's actual state, typed as the wrapper class property holds it.
    param ([AllowNull()] $Value, [Parameter(Mandatory)] [string] $Kind)

    if ($null -eq $Value) { return $null }
    switch ($Kind)
    {
        'Boolean' { return [bool] $Value }
        'Integer' { return [long] $Value }
        'StringArray' { return , [string[]] @($Value) }
        'JsonText' { return ConvertTo-Json -InputObject $Value -Depth 32 -Compress }
        default { return [string] $Value }
    }
}

function Format-DscOffloadValue
{
    # How a value reads in a reason phrase: strings as they are, everything else as compact JSON.
    param ([AllowNull()] $Value)

    if ($null -eq $Value) { return 'null' }
    if ($Value -is [string]) { return $Value }
    return ConvertTo-Json -InputObject $Value -Depth 32 -Compress
}

function Get-DscOffloadPropertyValue
{
    param ([AllowNull()] $Object, [Parameter(Mandatory)] [string] $Name)

    if ($null -eq $Object) { return $null }
    if ($Object -is [System.Collections.IDictionary]) { return $Object[$Name] }
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) { return $null }
    return $property.Value
}

function Get-DscOffloadReason
{
    # One reason per drifted property (per adapter for the adapter types), naming the current and the
    # desired value. Code: <Class>:<Class>:<property>, the form Machine Configuration documents.
    [OutputType([System.Collections.Hashtable[]])]
    param (
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Shape,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Desired,
        [Parameter(Mandatory)] $Actual,
        [AllowEmptyCollection()] [string[]] $Differing = @(),
        [AllowEmptyCollection()] [object[]] $Messages = @()
    )

    $reasons = [System.Collections.Generic.List[hashtable]]::new()
    $covered = [System.Collections.Generic.HashSet[string]]::new()
    $adapters = @(Get-DscOffloadPropertyValue -Object $Actual -Name 'adapters' | Where-Object { $null -ne $_ })
    foreach ($adapter in $adapters)
    {
        if ((Get-DscOffloadPropertyValue -Object $adapter -Name 'inDesiredState') -eq $true) { continue }
        $adapterName = Get-DscOffloadPropertyValue -Object $adapter -Name 'name'
        foreach ($property in @(Get-DscOffloadPropertyValue -Object $adapter -Name 'differingProperties'))
        {
            if ($null -eq $property) { continue }
            $current = Format-DscOffloadValue -Value (Get-DscOffloadPropertyValue -Object $adapter -Name $property)
            $wanted = Format-DscOffloadValue -Value $Desired[$property]
            $reasons.Add(@{ Code = $Shape.ReasonCodePrefix + $property; Phrase = "${adapterName}: $property is $current, desired $wanted" })
            $null = $covered.Add($property)
        }
    }

    foreach ($property in $Differing)
    {
        if ($covered.Contains($property)) { continue }
        if ($property -eq 'name' -and $adapters.Count -eq 0)
        {
            $warning = @($Messages | Where-Object { $_.Level -eq 'warn' -and $_.Text -like 'no * matches*' } | Select-Object -First 1)
            $phrase = if ($warning.Count -gt 0) { $warning[0].Text } else { "no adapter matches '$($Desired['name'])'" }
            $reasons.Add(@{ Code = $Shape.ReasonCodePrefix + $property; Phrase = $phrase })
            continue
        }

        $current = Format-DscOffloadValue -Value (Get-DscOffloadPropertyValue -Object $Actual -Name $property)
        $wanted = Format-DscOffloadValue -Value $Desired[$property]
        $reasons.Add(@{ Code = $Shape.ReasonCodePrefix + $property; Phrase = "$property is $current, desired $wanted" })
    }

    if ($reasons.Count -eq 0 -and (Get-DscOffloadPropertyValue -Object $Actual -Name '_inDesiredState') -eq $false)
    {
        $reasons.Add(@{ Code = $Shape.ReasonCodePrefix + 'inDesiredState'; Phrase = 'not in the desired state' })
    }

    return , $reasons.ToArray()
}

function Invoke-DscOffloadTest
{
    # Runs `resource test` for a wrapper instance; returns the desired input, the actual state, the
    # differing property names and the messages.
    param (
        [Parameter(Mandatory)] $Resource,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Shape
    )

    $desired = ConvertTo-DscOffloadDesiredState -Resource $Resource -Shape $Shape
    $result = Invoke-DscOffloadOperation -Operation 'test' -Type $Shape.Type -InputJson (ConvertTo-DscOffloadJson -Value $desired)
    Assert-DscOffloadSuccess -Result $result -Operation 'test' -Type $Shape.Type
    if ($result.Output.Count -lt 2)
    {
        throw "dscoffload resource test --type $($Shape.Type) printed $($result.Output.Count) line(s); expected the actual state and the differing properties."
    }

    return [pscustomobject] @{
        Desired = $desired
        Actual = ConvertFrom-Json -InputObject $result.Output[0]
        Differing = [string[]] (ConvertFrom-Json -InputObject $result.Output[1] -NoEnumerate)
        Messages = $result.Messages
    }
}

function Get-DscOffloadState
{
    # What Get returns: keys and selection as given, every other property as the host reports it, and
    # the Reasons Machine Configuration shows (empty when in the desired state).
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param (
        [Parameter(Mandatory)] $Resource,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Shape
    )

    $test = Invoke-DscOffloadTest -Resource $Resource -Shape $Shape
    $state = [ordered] @{}
    foreach ($entry in $Shape.Properties.GetEnumerator())
    {
        $role, $kind = $entry.Value -split ' '
        $reported = $test.Actual.PSObject.Properties[$entry.Key]
        $value = if ($null -ne $reported) { ConvertFrom-DscOffloadValue -Value $reported.Value -Kind $kind } else { $Resource.($entry.Key) }
        if ($null -ne $value)
        {
            $state[$entry.Key] = $value
        }
    }

    $state['Reasons'] = Get-DscOffloadReason -Shape $Shape -Desired $test.Desired -Actual $test.Actual -Differing $test.Differing -Messages $test.Messages
    return $state
}

function Test-DscOffloadState
{
    # True when every matched adapter (or the host setting) is in the desired state.
    [OutputType([bool])]
    param (
        [Parameter(Mandatory)] $Resource,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Shape
    )

    $test = Invoke-DscOffloadTest -Resource $Resource -Shape $Shape
    return ($test.Actual.PSObject.Properties['_inDesiredState'] -and $test.Actual._inDesiredState -eq $true)
}

function Set-DscOffloadState
{
    # Applies the desired state; throws (naming the exit code and the error) when the binary fails.
    param (
        [Parameter(Mandatory)] $Resource,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Shape
    )

    $desired = ConvertTo-DscOffloadDesiredState -Resource $Resource -Shape $Shape
    $result = Invoke-DscOffloadOperation -Operation 'set' -Type $Shape.Type -InputJson (ConvertTo-DscOffloadJson -Value $desired)
    Assert-DscOffloadSuccess -Result $result -Operation 'set' -Type $Shape.Type
    if ($result.Output.Count -ge 2)
    {
        $changed = [string[]] (ConvertFrom-Json -InputObject $result.Output[1] -NoEnumerate)
        Write-Verbose -Message "$($Shape.Type): changed $(if ($changed.Count -gt 0) { $changed -join ', ' } else { 'nothing' })"
        $after = ConvertFrom-Json -InputObject $result.Output[0]
        if ($after.PSObject.Properties['_restartRequired'])
        {
            Write-Warning -Message "$($Shape.Type): a restart is required before the change takes effect."
        }
    }
}
