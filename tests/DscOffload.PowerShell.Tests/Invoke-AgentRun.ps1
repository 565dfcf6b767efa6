# Runs Invoke-MachineConfigurationRun over an unpacked package and prints the results as JSON. The
# namespace tests start it with `ip netns exec <ns> pwsh -File Invoke-AgentRun.ps1 ...`.
param (
    [Parameter(Mandatory)] [string] $PackageFolder,
    [Parameter(Mandatory)] [string] $Name,
    [Parameter(Mandatory)] [string] $Type
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'MofReader.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
$results = @(Invoke-MachineConfigurationRun -PackageFolder $PackageFolder -Name $Name -Type $Type | ForEach-Object {
    [pscustomobject] @{
        ResourceId = $_.ResourceId
        Compliant = $_.Compliant
        SetRan = $_.SetRan
        Reasons = $_.Reasons
        Features = $_.Report.features
    }
})
ConvertTo-Json -InputObject $results -Depth 8 -Compress
