# `dscoffload package machine-configuration`: the package layout Machine Configuration requires, the MOF
# parsed back into the document's instances and values, and the package run the way the agent runs it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:data = Join-Path $PSScriptRoot 'TestData'
    $script:windowsDocument = Join-Path $script:data 'windows-offload.dsc.json'
    $script:windowsParameters = Join-Path $script:data 'windows-offload.parameters.json'
    $script:linuxDocument = Join-Path $script:data 'linux-veth.dsc.json'

    # A Windows binary for layout tests: the real win-x64 build when DSCOFFLOAD_WINDOWS_BINARY names one
    # (its publish folder holds the native libraries it loads), else the smallest file the packager
    # accepts as a Windows x64 PE executable, with stand-ins for those libraries beside it.
    $script:windowsLibraries = @(Get-NativeLibraryName -RuntimeId 'win-x64')
    $script:windowsBinary = $env:DSCOFFLOAD_WINDOWS_BINARY
    if (-not $script:windowsBinary)
    {
        $pe = [byte[]]::new(0x100)
        $pe[0] = 0x4D; $pe[1] = 0x5A; $pe[0x3C] = 0x80
        $pe[0x80] = 0x50; $pe[0x81] = 0x45; $pe[0x84] = 0x64; $pe[0x85] = 0x86
        $script:windowsBinary = Join-Path $TestDrive 'dscoffload.exe'
        [System.IO.File]::WriteAllBytes($script:windowsBinary, $pe)
        foreach ($library in $script:windowsLibraries)
        {
            [System.IO.File]::WriteAllBytes((Join-Path $TestDrive $library), [byte[]] @(0x4D, 0x5A))
        }
    }

    function Resolve-DocumentValue($Value, [System.Collections.IDictionary] $Definitions, [System.Collections.IDictionary] $Supplied)
    {
        # The test's own reading of "[parameters('x')]": the parameters file's value (ARM {"value": v}
        # unwrapped), else the declared default. The documents here use no other expression.
        if ($Value -is [string] -and $Value -match "^\[parameters\('([^']+)'\)\]$")
        {
            $name = $Matches[1]
            if ($Supplied.Contains($name))
            {
                $given = $Supplied[$name]
                if ($given -is [System.Collections.IDictionary] -and $given.Count -eq 1 -and $given.Contains('value')) { return $given['value'] }
                return $given
            }

            return $Definitions[$name]['defaultValue']
        }

        if ($Value -is [System.Collections.IDictionary])
        {
            $resolved = [ordered] @{}
            foreach ($key in $Value.Keys) { $resolved[$key] = Resolve-DocumentValue $Value[$key] $Definitions $Supplied }
            return $resolved
        }

        return $Value
    }

    function Get-ClassNameOfType([string] $Type)
    {
        $groups, $name = $Type -split '/'
        return ((($groups -split '\.') | Select-Object -Skip 1) -join '') + $name
    }

    function Get-ZipEntryNames([string] $ZipPath)
    {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($ZipPath)
        try { return @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
    }

    $script:windows = New-MachineConfigurationPackage -Document $script:windowsDocument -ParametersFile $script:windowsParameters `
        -Name 'OffloadBaseline' -Type 'Audit' -Platform 'windows' -Binary $script:windowsBinary -Output (Join-Path $TestDrive 'windows')
    $script:windowsFolder = Expand-MachineConfigurationPackage -ZipPath $script:windows.package -Destination (Join-Path $TestDrive 'windows-unpacked')
    $script:mof = Read-MofDocument -Text (Get-Content -Raw -LiteralPath (Join-Path $script:windowsFolder 'OffloadBaseline.mof'))
}

Describe 'The package layout' {
    It 'holds <Name>.mof, <Name>.metaconfig.json and Modules/DscOffload at the zip root, with no root folder' {
        $script:windows.package | Should -Be (Join-Path $TestDrive 'windows/OffloadBaseline.zip')
        Get-ZipEntryNames $script:windows.package | Should -Be @(
            'OffloadBaseline.mof'
            'OffloadBaseline.metaconfig.json'
            'Modules/DscOffload/DscOffload.psd1'
            'Modules/DscOffload/DscOffload.psm1'
            'Modules/DscOffload/bin/win-x64/dscoffload.exe'
            $script:windowsLibraries | ForEach-Object { "Modules/DscOffload/bin/win-x64/$_" })
    }

    It 'carries the native libraries the Windows binary loads beside it' {
        $script:windowsLibraries.Count | Should -BeGreaterThan 0 -Because 'MI brings a native library for win-x64'
        foreach ($library in $script:windowsLibraries)
        {
            Join-Path $script:windowsFolder "Modules/DscOffload/bin/win-x64/$library" | Should -Exist
        }
    }

    It 'has a metaconfig with exactly the package Type and Version' {
        $metaconfig = Get-Content -Raw -LiteralPath (Join-Path $script:windowsFolder 'OffloadBaseline.metaconfig.json') | ConvertFrom-Json -AsHashtable
        @($metaconfig.Keys) | Should -Be @('Type', 'Version')
        $metaconfig['Type'] | Should -Be 'Audit'
        $metaconfig['Version'] | Should -Be '1.0.0'
    }

    It 'writes the SHA256 of the zip, as Get-FileHash gives it, next to the zip' {
        $hash = (Get-FileHash -Algorithm SHA256 -LiteralPath $script:windows.package).Hash
        $script:windows.contentHash | Should -Be $hash
        Get-Content -Raw -LiteralPath "$($script:windows.package).sha256" | Should -Be "$hash  OffloadBaseline.zip`n"
    }

    It 'gives the same bytes, so the same hash, for the same inputs' {
        $again = New-MachineConfigurationPackage -Document $script:windowsDocument -ParametersFile $script:windowsParameters `
            -Name 'OffloadBaseline' -Type 'Audit' -Platform 'windows' -Binary $script:windowsBinary -Output (Join-Path $TestDrive 'again')
        $again.contentHash | Should -Be $script:windows.contentHash
    }

    It 'ships the module whose classes the MOF instances are, at the version the MOF names' {
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $script:windowsFolder 'Modules/DscOffload/DscOffload.psd1')
        foreach ($instance in $script:mof | Where-Object Class -ne 'OMI_ConfigurationDocument')
        {
            $manifest.DscResourcesToExport | Should -Contain $instance.Class
            $instance.Properties['ModuleName'] | Should -Be 'DscOffload'
            $instance.Properties['ModuleVersion'] | Should -Be $manifest.ModuleVersion
        }
    }

    It 'carries the Linux binary in a Linux package, executable after unpacking' {
        $linux = New-MachineConfigurationPackage -Document $script:linuxDocument -Name 'LinuxOffload' -Type 'AuditAndSet' -Output (Join-Path $TestDrive 'linux')
        $folder = Expand-MachineConfigurationPackage -ZipPath $linux.package -Destination (Join-Path $TestDrive 'linux-unpacked')
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
        $binary = Join-Path $folder "Modules/DscOffload/bin/linux-$arch/dscoffload"
        [System.IO.File]::GetUnixFileMode($binary).HasFlag([System.IO.UnixFileMode]::UserExecute) | Should -BeTrue
        & $binary resource schema --type DscOffload.Linux/NetAdapterOffload | Should -Not -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 0
        (Get-Content -Raw -LiteralPath (Join-Path $folder 'LinuxOffload.metaconfig.json') | ConvertFrom-Json).Type | Should -Be 'AuditAndSet'
    }
}

Describe 'The MOF of a package' {
    It 'names the configuration after the package in OMI_ConfigurationDocument and in every instance' {
        $document = @($script:mof | Where-Object Class -eq 'OMI_ConfigurationDocument')
        $document.Count | Should -Be 1
        $document[0].Properties['Name'] | Should -Be 'OffloadBaseline'
        $script:mof[-1].Class | Should -Be 'OMI_ConfigurationDocument'
        foreach ($instance in $script:mof | Where-Object Class -ne 'OMI_ConfigurationDocument')
        {
            $instance.Properties['ConfigurationName'] | Should -Be 'OffloadBaseline'
        }
    }

    It 'parses back into the instances and the resolved property values of the source document' {
        $source = Get-Content -Raw -LiteralPath $script:windowsDocument | ConvertFrom-Json -AsHashtable
        $supplied = (Get-Content -Raw -LiteralPath $script:windowsParameters | ConvertFrom-Json -AsHashtable)['parameters']
        $expected = @($source['resources'] | Where-Object {
            -not $_.Contains('condition') -or (Resolve-DocumentValue $_['condition'] $source['parameters'] $supplied) -eq $true })
        $instances = @($script:mof | Where-Object Class -ne 'OMI_ConfigurationDocument')
        $instances.Count | Should -Be $expected.Count -Because 'every instance whose condition holds, and only those, is in the MOF'
        for ($i = 0; $i -lt $expected.Count; $i++)
        {
            $resource = $expected[$i]
            $instance = $instances[$i]
            $class = Get-ClassNameOfType $resource['type']
            $instance.Class | Should -Be $class
            $instance.Properties['ResourceID'] | Should -Be "[$class]$($resource['name'])"
            $instance.Alias | Should -Be "`$$($class)1ref"
            $written = @($instance.Properties.Keys | Where-Object { $_ -notin 'ResourceID', 'SourceInfo', 'ModuleName', 'ModuleVersion', 'ConfigurationName', 'DependsOn', 'IsSingleInstance' })
            $written | Should -Be @($resource['properties'].Keys)
            foreach ($property in $resource['properties'].Keys)
            {
                $want = Resolve-DocumentValue $resource['properties'][$property] $source['parameters'] $supplied
                $got = $instance.Properties[$property]
                if ($want -is [System.Collections.IDictionary])
                {
                    (ConvertFrom-Json -InputObject $got -AsHashtable | ConvertTo-Json -Compress -Depth 10) | Should -Be ($want | ConvertTo-Json -Compress -Depth 10) -Because "$property is JSON text of the resolved object"
                }
                elseif ($want -is [array])
                {
                    @($got) | Should -Be @($want) -Because "$property of '$($resource['name'])' is a string array"
                }
                else
                {
                    $got | Should -Be $want -Because "$property of '$($resource['name'])'"
                }
            }
        }
    }

    It 'keeps dependsOn as DependsOn resource IDs and the source location as SourceInfo' {
        $adapter = $script:mof | Where-Object { $_.Class -eq 'WindowsNetAdapterOffload' }
        $adapter.Properties['DependsOn'] | Should -Be @('[WindowsGlobalOffload]Global offload off')
        $adapter.Properties['SourceInfo'] | Should -Match '^windows-offload\.dsc\.json::\d+::\d+::WindowsNetAdapterOffload$'
        ($script:mof | Where-Object Class -eq 'WindowsGlobalOffload').Properties['IsSingleInstance'] | Should -Be 'Yes'
    }
}

Describe 'A package run the way the Machine Configuration agent runs it' {
    It 'an Audit run of a Windows MOF against a recorded host reports each drift as reasons and sets nothing' {
        $env:DSCOFFLOAD_RESOURCE_STATE = Get-RepositoryPath 'examples/snapshots/windows/fast-02.dsc.json'
        try
        {
            $module = New-DscOffloadTestModule -Directory (Join-Path $TestDrive 'agent-module')
            $results = @(Invoke-MachineConfigurationRun -PackageFolder $script:windowsFolder -Name 'OffloadBaseline' -Type 'Audit' -ModuleManifest $module)
        }
        finally { Remove-Item Env:DSCOFFLOAD_RESOURCE_STATE }

        $results.ResourceId | Should -Be @('[WindowsGlobalOffload]Global offload off', '[WindowsNetAdapterOffload]Adapters "A" and \B\')
        $results.Compliant | Should -Be @($false, $false)
        $results.SetRan | Should -Be @($false, $false)
        $results[0].Reasons.Code | Should -Contain 'WindowsGlobalOffload:WindowsGlobalOffload:chimney'
        $results[1].Reasons.Code | Should -Be @('WindowsNetAdapterOffload:WindowsNetAdapterOffload:name')
        $results[1].Reasons[0].Phrase | Should -BeLike "no adapter matches 'Ether*'*"
    }

    It 'an Audit run of a Linux package against a recorded host names the interface and features that drifted' {
        $package = New-MachineConfigurationPackage -Document $script:linuxDocument -Name 'LinuxAudit' -Type 'Audit' -Output (Join-Path $TestDrive 'linux-audit')
        $folder = Expand-MachineConfigurationPackage -ZipPath $package.package -Destination (Join-Path $TestDrive 'linux-audit-unpacked')
        $env:DSCOFFLOAD_RESOURCE_STATE = Get-RepositoryPath 'examples/snapshots/linux/web-02.dsc.json'
        try { $results = @(Invoke-MachineConfigurationRun -PackageFolder $folder -Name 'LinuxAudit' -Type 'Audit') }
        finally { Remove-Item Env:DSCOFFLOAD_RESOURCE_STATE }

        $results.Count | Should -Be 1
        $results[0].Compliant | Should -BeFalse
        $results[0].SetRan | Should -BeFalse
        $results[0].Reasons.Code | Should -Be @('LinuxNetAdapterOffload:LinuxNetAdapterOffload:features')
        $results[0].Reasons[0].Phrase | Should -BeLike 'eth0: features is {*"tx-tcp-segmentation":true*}, desired {"tso":false,"gso":false}'
    }

    It 'an AuditAndSet run in a network namespace applies the document to a veth pair, and the next run is compliant' {
        if (-not (Test-PrivilegedRun)) { Set-ItResult -Skipped -Because (Get-PrivilegedSkipReason); return }
        $parameters = Join-Path $TestDrive 'veth.parameters.json'
        Set-Content -LiteralPath $parameters -Value '{"parameters":{"interfaceName":"mc0"}}'
        $package = New-MachineConfigurationPackage -Document $script:linuxDocument -ParametersFile $parameters -Name 'VethOffload' -Type 'AuditAndSet' -Output (Join-Path $TestDrive 'veth')
        $folder = Expand-MachineConfigurationPackage -ZipPath $package.package -Destination (Join-Path $TestDrive 'veth-unpacked')
        $namespace = New-TestNamespace -Interface 'mc0' -Peer 'mc1'
        # The agent's Set journals and locks in the state directory: keep that out of the machine's own.
        $savedStateDir = $env:DSCOFFLOAD_STATE_DIR
        $env:DSCOFFLOAD_STATE_DIR = Join-Path $TestDrive 'state'
        try
        {
            $agent = Join-Path $PSScriptRoot 'Invoke-AgentRun.ps1'
            $first = @(Invoke-InNamespace -Namespace $namespace -Script $agent -Arguments @('-PackageFolder', $folder, '-Name', 'VethOffload', '-Type', 'AuditAndSet'))
            $first[0].Compliant | Should -BeFalse
            $first[0].SetRan | Should -BeTrue
            @($first[0].Reasons).Count | Should -Be 0 -Because 'Get after Set finds the desired state'
            Get-NamespaceFeature -Namespace $namespace -Interface 'mc0' -Feature 'tcp-segmentation-offload' | Should -BeFalse
            Get-NamespaceFeature -Namespace $namespace -Interface 'mc1' -Feature 'tcp-segmentation-offload' | Should -BeTrue -Because 'only the selected interface changes'
            $second = @(Invoke-InNamespace -Namespace $namespace -Script $agent -Arguments @('-PackageFolder', $folder, '-Name', 'VethOffload', '-Type', 'AuditAndSet'))
            $second[0].Compliant | Should -BeTrue
            $second[0].SetRan | Should -BeFalse
        }
        finally
        {
            Remove-TestNamespace $namespace
            $env:DSCOFFLOAD_STATE_DIR = $savedStateDir
        }
    }
}
