# Runs Test, Get, Set, Test, Get on one wrapper instance and prints what each returned as JSON. The
# namespace tests start it with `ip netns exec <ns> pwsh -File Invoke-WrapperSequence.ps1 ...`.
param (
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ClassName,
    [Parameter(Mandatory)] [string] $PropertiesJson,
    [switch] $SkipSet
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
$module = Import-Module $ModuleManifest -Force -PassThru
$properties = ConvertFrom-Json -InputObject $PropertiesJson -AsHashtable
$resource = New-WrapperInstance -Module $module -ClassName $ClassName -Properties $properties
$testBefore = $resource.Test()
$getBefore = $resource.Get()
if (-not $SkipSet) { $resource.Set() }
$testAfter = $resource.Test()
$getAfter = $resource.Get()
ConvertTo-Json -Depth 8 -Compress -InputObject ([pscustomobject] @{
    TestBefore = $testBefore
    ReasonsBefore = @($getBefore.Reasons | ForEach-Object { [pscustomobject] @{ Code = $_.Code; Phrase = $_.Phrase } })
    TestAfter = $testAfter
    ReasonsAfter = @($getAfter.Reasons | ForEach-Object { [pscustomobject] @{ Code = $_.Code; Phrase = $_.Phrase } })
    FeaturesAfter = $getAfter.features
})
