# Helpers of the Pester tests: the binary under test, building the module and packages with it,
# unpacking packages, a Machine Configuration agent run simulated over a MOF, and network namespaces.

Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'MofReader.psm1') -Force

$script:RepositoryRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path

function Get-RepositoryPath([string] $Relative)
{
    return Join-Path $script:RepositoryRoot $Relative
}

function Get-NativeLibraryName([string] $RuntimeId)
{
    # The native libraries the executable's NuGet packages bring for a runtime ID (each package's
    # runtimes/<rid>/native folder), read from a restore of src/DscOffload.Cli: what a publish puts beside
    # the binary, and so what a package must carry with it. Not a list kept by hand.
    $assets = Get-RepositoryPath 'src/DscOffload.Cli/obj/project.assets.json'
    if (-not (Test-Path -LiteralPath $assets))
    {
        & dotnet restore (Get-RepositoryPath 'src/DscOffload.Cli/DscOffload.Cli.csproj') --nologo -v q | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "dotnet restore of src/DscOffload.Cli failed ($LASTEXITCODE)" }
    }

    $targets = (Get-Content -Raw -LiteralPath $assets | ConvertFrom-Json -AsHashtable)['targets']['net10.0']
    $names = foreach ($library in $targets.Values)
    {
        if (-not $library.Contains('runtimeTargets')) { continue }
        foreach ($entry in $library['runtimeTargets'].GetEnumerator())
        {
            if ($entry.Value['assetType'] -eq 'native' -and $entry.Value['rid'] -eq $RuntimeId) { Split-Path -Leaf $entry.Key }
        }
    }

    return @($names | Sort-Object -Unique)
}

function Get-DscOffloadTestBinary
{
    # The native binary under test: DSCOFFLOAD_BINARY (scripts/pester.sh sets it), else artifacts/native.
    $path = if ($env:DSCOFFLOAD_BINARY) { $env:DSCOFFLOAD_BINARY } else { Get-RepositoryPath 'artifacts/native/dscoffload' }
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { throw "the dscoffload binary '$path' does not exist; run scripts/publish.sh" }
    return $path
}

function Get-PwshPath
{
    if ($env:DSCOFFLOAD_PWSH) { return $env:DSCOFFLOAD_PWSH }
    return (Get-Process -Id $PID).Path
}

function Invoke-DscOffloadCli
{
    # Runs the binary; returns ExitCode, Stdout and Stderr.
    param ([Parameter(Mandatory)] [string[]] $Arguments, [hashtable] $Environment = @{})

    $start = [System.Diagnostics.ProcessStartInfo]::new((Get-DscOffloadTestBinary))
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.WorkingDirectory = $script:RepositoryRoot
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    return [pscustomobject] @{ ExitCode = $process.ExitCode; Stdout = $stdout.Result; Stderr = $stderr.Result }
}

function New-DscOffloadTestModule
{
    # Writes the DscOffload module with the Linux binary into $Directory; returns the manifest path.
    param ([Parameter(Mandatory)] [string] $Directory)

    $result = Invoke-DscOffloadCli -Arguments @('package', 'powershell-module', '--output', $Directory, '--platform', 'linux')
    if ($result.ExitCode -ne 0) { throw "package powershell-module failed ($($result.ExitCode)): $($result.Stderr)" }
    return Join-Path $Directory 'DscOffload/DscOffload.psd1'
}

function New-MachineConfigurationPackage
{
    # Runs `dscoffload package machine-configuration`; returns the summary JSON as an object.
    param (
        [Parameter(Mandatory)] [string] $Document,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Type,
        [Parameter(Mandatory)] [string] $Output,
        [string] $Platform = 'linux',
        [string] $ParametersFile,
        [string] $Binary
    )

    $arguments = @('package', 'machine-configuration', '--file', $Document, '--name', $Name, '--type', $Type, '--platform', $Platform, '--output', $Output)
    if ($ParametersFile) { $arguments += @('--parameters-file', $ParametersFile) }
    if ($Binary) { $arguments += @('--binary', $Binary) }
    $result = Invoke-DscOffloadCli -Arguments $arguments
    if ($result.ExitCode -ne 0) { throw "package machine-configuration failed ($($result.ExitCode)): $($result.Stderr)" }
    return $result.Stdout | ConvertFrom-Json
}

function Expand-MachineConfigurationPackage
{
    # Unpacks a package zip with .NET's extractor (which keeps Unix modes); returns the folder.
    param ([Parameter(Mandatory)] [string] $ZipPath, [Parameter(Mandatory)] [string] $Destination)

    [System.IO.Compression.ZipFile]::ExtractToDirectory($ZipPath, $Destination)
    return $Destination
}

function New-WrapperInstance
{
    # Creates an instance of a wrapper class inside the module's scope and sets its properties.
    param ([Parameter(Mandatory)] [psmoduleinfo] $Module, [Parameter(Mandatory)] [string] $ClassName, [System.Collections.IDictionary] $Properties = @{})

    $instance = & $Module { param($name) New-Object -TypeName $name } $ClassName
    foreach ($key in $Properties.Keys) { $instance.$key = $Properties[$key] }
    return $instance
}

function Invoke-MachineConfigurationRun
{
    # What the Machine Configuration agent does with a package, per MOF instance in order: create the
    # class, set the MOF's values, Test, then Set when the package is AuditAndSet and Test failed, then
    # Get for the report. Returns one result per instance.
    param (
        [Parameter(Mandatory)] [string] $PackageFolder,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [ValidateSet('Audit', 'AuditAndSet')] [string] $Type,
        [string] $ModuleManifest = (Join-Path $PackageFolder 'Modules/DscOffload/DscOffload.psd1')
    )

    $module = Import-Module $ModuleManifest -Force -PassThru
    $documentProperties = @('ResourceID', 'SourceInfo', 'ModuleName', 'ModuleVersion', 'ConfigurationName', 'DependsOn')
    $instances = Read-MofDocument -Text (Get-Content -Raw -LiteralPath (Join-Path $PackageFolder "$Name.mof"))
    foreach ($instance in $instances | Where-Object Class -ne 'OMI_ConfigurationDocument')
    {
        $values = [ordered] @{}
        foreach ($key in $instance.Properties.Keys) { if ($key -notin $documentProperties) { $values[$key] = $instance.Properties[$key] } }
        $resource = New-WrapperInstance -Module $module -ClassName $instance.Class -Properties $values
        $compliant = $resource.Test()
        $setRan = $false
        if (-not $compliant -and $Type -eq 'AuditAndSet')
        {
            $resource.Set()
            $setRan = $true
        }

        $report = $resource.Get()
        [pscustomobject] @{
            ResourceId = $instance.Properties['ResourceID']
            Compliant = $compliant
            SetRan = $setRan
            Reasons = @($report.Reasons | ForEach-Object { [pscustomobject] @{ Code = $_.Code; Phrase = $_.Phrase } })
            Report = $report
        }
    }
}

function Test-PrivilegedRun
{
    # True when namespace tests can run (root on Linux). When they cannot and CI requires them, throws.
    if ($IsLinux -and [Environment]::IsPrivilegedProcess -and (Get-Command ip -ErrorAction SilentlyContinue)) { return $true }
    if ($env:DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS -eq '1')
    {
        throw 'needs root on Linux and iproute2 to create network namespaces, and DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1 makes that a failure'
    }

    return $false
}

$script:PrivilegedSkipReason = 'needs root on Linux to create network namespaces and veth pairs (set DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1 to fail instead of skip)'

function Get-PrivilegedSkipReason { return $script:PrivilegedSkipReason }

function New-TestNamespace
{
    # A private network namespace with a veth pair; returns its name. Only interfaces inside it change.
    param ([Parameter(Mandatory)] [string] $Interface, [Parameter(Mandatory)] [string] $Peer)

    $name = 'dscoffload-ps-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    & ip netns add $name
    if ($LASTEXITCODE -ne 0) { throw "ip netns add $name failed" }
    & ip -n $name link add $Interface type veth peer name $Peer
    if ($LASTEXITCODE -ne 0) { & ip netns del $name; throw "creating the veth pair in $name failed" }
    return $name
}

function Remove-TestNamespace([string] $Name)
{
    if ($Name) { & ip netns del $Name 2>$null }
}

function Get-NamespaceFeature
{
    # The kernel's view of one feature of an interface in a namespace, read with ethtool -k.
    param ([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory)] [string] $Interface, [Parameter(Mandatory)] [string] $Feature)

    $line = & ip netns exec $Namespace ethtool -k $Interface | Where-Object { $_ -match "^\s*$([regex]::Escape($Feature)):" } | Select-Object -First 1
    if (-not $line) { throw "ethtool -k $Interface shows no '$Feature'" }
    return ($line -split ':')[1].Trim() -like 'on*'
}

function Invoke-InNamespace
{
    # Runs a PowerShell script file inside a network namespace (ip netns exec) with this pwsh; its
    # stdout is JSON, returned as objects. This is how the wrappers run against veth interfaces: the
    # module and its binary are unchanged, only the process lives in the namespace.
    param ([Parameter(Mandatory)] [string] $Namespace, [Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @())

    $output = & ip netns exec $Namespace (Get-PwshPath) -NoProfile -NonInteractive -File $Script @Arguments 2>&1
    $text = ($output | Where-Object { $_ -is [string] }) -join "`n"
    $errors = ($output | Where-Object { $_ -isnot [string] } | ForEach-Object { $_.ToString() }) -join "`n"
    if ($LASTEXITCODE -ne 0) { throw "pwsh in namespace $Namespace failed ($LASTEXITCODE): $errors $text" }
    return $text | ConvertFrom-Json
}

Export-ModuleMember -Function *
