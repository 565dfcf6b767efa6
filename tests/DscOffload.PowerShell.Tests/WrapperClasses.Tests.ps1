# The class-based PSDSC wrappers of the DscOffload module: their shape against the descriptors (read
# from the binary's own manifest), and Get/Test/Set against recorded hosts (DSCOFFLOAD_RESOURCE_STATE).

BeforeDiscovery {
    # Every type the binary knows, so a new resource type is checked without editing this file.
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $resourceTypes = @(((Invoke-DscOffloadCli -Arguments @('manifest')).Stdout | ConvertFrom-Json).resources | ForEach-Object {
        $groups, $name = $_.type -split '/'
        @{ type = $_.type; class = ((($groups -split '\.') | Select-Object -Skip 1) -join '') + $name }
    })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:moduleManifest = New-DscOffloadTestModule -Directory (Join-Path $TestDrive 'module')
    $script:module = Import-Module $script:moduleManifest -Force -PassThru
    $script:windowsHost = Get-RepositoryPath 'examples/snapshots/windows/fast-02.dsc.json'
    $script:linuxHost = Get-RepositoryPath 'examples/snapshots/linux/web-02.dsc.json'

    function New-Wrapper([string] $ClassName, [System.Collections.IDictionary] $Properties)
    {
        return New-WrapperInstance -Module $script:module -ClassName $ClassName -Properties $Properties
    }

    function Get-ClassType([string] $ClassName)
    {
        return & $script:module { param($name) $name -as [type] } $ClassName
    }
}

Describe 'The wrapper classes follow the resource descriptors' {
    BeforeAll {
        $manifest = (Invoke-DscOffloadCli -Arguments @('manifest')).Stdout | ConvertFrom-Json
        $script:resourceTypes = @($manifest.resources)
    }

    It 'has one exported DSC resource class per resource type, named after the type' {
        $exported = (Import-PowerShellDataFile -LiteralPath $script:moduleManifest).DscResourcesToExport
        $expected = $script:resourceTypes | ForEach-Object {
            $owner, $rest = ($_.type -split '/')[0] -split '\.'
            ($rest -join '') + ($_.type -split '/')[1]
        }
        $exported | Should -Be $expected
        foreach ($className in $exported)
        {
            $type = Get-ClassType $className
            $type | Should -Not -BeNullOrEmpty -Because "class $className must exist in the module"
            $type.GetCustomAttributes([System.Management.Automation.DscResourceAttribute], $false).Count | Should -Be 1
        }
    }

    It 'declares every schema property of <type> in class <class> with the matching DscProperty attribute and values' -ForEach $resourceTypes {
        $schema = ($script:resourceTypes | Where-Object type -eq $type).schema.embedded
        $classType = Get-ClassType $class
        $declared = @{}
        foreach ($property in $classType.GetProperties())
        {
            $attribute = $property.GetCustomAttributes([System.Management.Automation.DscPropertyAttribute], $false) | Select-Object -First 1
            if ($attribute) { $declared[$property.Name] = @{ Attribute = $attribute; Property = $property } }
        }

        $required = @($schema.PSObject.Properties['required'] | ForEach-Object { $_.Value })
        foreach ($schemaProperty in $schema.properties.PSObject.Properties | Where-Object Name -notlike '_*')
        {
            $declared.ContainsKey($schemaProperty.Name) | Should -BeTrue -Because "descriptor property '$($schemaProperty.Name)' must be a class property"
            $attribute = $declared[$schemaProperty.Name].Attribute
            $attribute.Key | Should -Be ($schemaProperty.Name -in $required) -Because "'$($schemaProperty.Name)' is a key only when the schema requires it"
            $readOnly = $null -ne $schemaProperty.Value.PSObject.Properties['readOnly'] -and $schemaProperty.Value.readOnly
            $attribute.NotConfigurable | Should -Be $readOnly -Because "'$($schemaProperty.Name)' is NotConfigurable only when read-only"
            if ($schemaProperty.Value.PSObject.Properties['enum'] -and -not $readOnly)
            {
                $set = $declared[$schemaProperty.Name].Property.GetCustomAttributes([System.Management.Automation.ValidateSetAttribute], $false) | Select-Object -First 1
                $set.ValidValues | Should -Be @($schemaProperty.Value.enum | Where-Object { $null -ne $_ })
            }
        }

        $extra = $declared.Keys | Where-Object { $_ -ne 'Reasons' -and $_ -ne 'IsSingleInstance' -and -not $schema.properties.PSObject.Properties[$_] }
        $extra | Should -BeNullOrEmpty -Because 'the class declares nothing the descriptor does not have'
        $declared['Reasons'].Attribute.NotConfigurable | Should -BeTrue
        $declared['Reasons'].Property.PropertyType.Name | Should -Be 'DscOffloadReason[]'
    }

    It 'gives the type without a key the IsSingleInstance key, whose only value is Yes' {
        $property = (Get-ClassType 'WindowsGlobalOffload').GetProperty('IsSingleInstance')
        $property.GetCustomAttributes([System.Management.Automation.DscPropertyAttribute], $false)[0].Key | Should -BeTrue
        $property.GetCustomAttributes([System.Management.Automation.ValidateSetAttribute], $false)[0].ValidValues | Should -Be @('Yes')
    }

    It 'gives the Reason class the Code and Phrase properties Machine Configuration reads' {
        $reason = Get-ClassType 'DscOffloadReason'
        ($reason.GetProperties().Name | Sort-Object) | Should -Be @('Code', 'Phrase')
    }
}

Describe 'Windows wrappers against a recorded host' {
    BeforeAll { $env:DSCOFFLOAD_RESOURCE_STATE = $script:windowsHost }
    AfterAll { Remove-Item Env:DSCOFFLOAD_RESOURCE_STATE -ErrorAction SilentlyContinue }

    It 'Test is false and Get names each drifted property of each drifted adapter with current and desired values' {
        $resource = New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethernet*'; lsoIPv4 = $false; checksumTcpIPv4 = 'Disabled' }
        $resource.Test() | Should -BeFalse
        $reasons = @($resource.Get().Reasons)
        $reasons.Code | Should -Be @('WindowsNetAdapterOffload:WindowsNetAdapterOffload:lsoIPv4', 'WindowsNetAdapterOffload:WindowsNetAdapterOffload:checksumTcpIPv4')
        $reasons.Phrase | Should -Be @('Ethernet: lsoIPv4 is true, desired false', 'Ethernet: checksumTcpIPv4 is RxTxEnabled, desired Disabled')
    }

    It 'Test is true and Get has no reasons when the adapter is in the desired state' {
        $resource = New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethernet 2'; lsoIPv4 = $false; checksumTcpIPv4 = 'Disabled' }
        $resource.Test() | Should -BeTrue
        $current = $resource.Get()
        @($current.Reasons).Count | Should -Be 0
        $current.lsoIPv4 | Should -BeFalse
        $current.checksumTcpIPv4 | Should -Be 'Disabled'
    }

    It 'Get returns the current values typed as the class declares them' {
        $current = (New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethernet'; lsoIPv4 = $false; advancedProperties = '{"*JumboPacket":"9014"}' }).Get()
        $current.GetType().Name | Should -Be 'WindowsNetAdapterOffload'
        $current.name | Should -Be 'Ethernet'
        $current.lsoIPv4 | Should -BeOfType [bool]
        $current.lsoIPv4 | Should -BeTrue
        ($current.advancedProperties | ConvertFrom-Json).'*JumboPacket' | Should -Not -Be '9014'
        ($current.adapters | ConvertFrom-Json)[0].name | Should -Be 'Ethernet'
        $current.Reasons.Code | Should -Contain 'WindowsNetAdapterOffload:WindowsNetAdapterOffload:advancedProperties'
    }

    It 'GlobalOffload reasons show object values as JSON, including registry values that are absent (null)' {
        $resource = New-Wrapper 'WindowsGlobalOffload' @{ IsSingleInstance = 'Yes'; chimney = 'Disabled'; tcpipParameters = '{"enableRSS":false}' }
        $resource.Test() | Should -BeFalse
        $current = $resource.Get()
        $current.IsSingleInstance | Should -Be 'Yes'
        $current.Reasons.Code | Should -Be @('WindowsGlobalOffload:WindowsGlobalOffload:chimney', 'WindowsGlobalOffload:WindowsGlobalOffload:tcpipParameters')
        $current.Reasons.Phrase | Should -Be @('chimney is Automatic, desired Disabled', 'tcpipParameters is {"enableRSS":null}, desired {"enableRSS":false}')
    }

    It 'a selection that matches no adapter is a reason on name, quoting the pattern (non-ASCII intact)' {
        $resource = New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethérnet*'; lsoIPv4 = $false }
        $resource.Test() | Should -BeFalse
        $reasons = @($resource.Get().Reasons)
        $reasons.Count | Should -Be 1
        $reasons[0].Code | Should -Be 'WindowsNetAdapterOffload:WindowsNetAdapterOffload:name'
        $reasons[0].Phrase | Should -Be "no adapter matches 'Ethérnet*'"
    }

    It 'allowNoMatch makes a selection without adapters compliant' {
        (New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Nothing*'; lsoIPv4 = $false; allowNoMatch = $true }).Test() | Should -BeTrue
    }

    It 'Set fails with the exit code, its meaning and the binary''s error, and the recorded host is unchanged' {
        $before = (Get-FileHash -LiteralPath $script:windowsHost).Hash
        $resource = New-Wrapper 'WindowsGlobalOffload' @{ IsSingleInstance = 'Yes'; chimney = 'Disabled' }
        { $resource.Set() } | Should -Throw -ExpectedMessage "*set --type DscOffload.Windows/GlobalOffload failed with exit code 5 (*): recorded host 'fast-02' is read-only*"
        (Get-FileHash -LiteralPath $script:windowsHost).Hash | Should -Be $before
    }

    It 'a JSON-text property that is not JSON fails with a message naming the property' {
        $resource = New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethernet'; advancedProperties = 'JumboPacket=9014' }
        { $resource.Test() } | Should -Throw -ExpectedMessage "*Property 'advancedProperties' of DscOffload.Windows/NetAdapterOffload must be JSON text*"
    }

    It 'input the resource rejects fails Test with exit code 2 and the binary''s message' {
        $resource = New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethernet'; advancedProperties = '{"*JumboPacket":9014}' }
        { $resource.Test() } | Should -Throw -ExpectedMessage '*failed with exit code 2 (Invalid input*'
    }

    It 'restores the execute bit of the module''s binary when an unzip tool dropped it' {
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
        $binary = Join-Path (Split-Path $script:moduleManifest) "bin/linux-$arch/dscoffload"
        [System.IO.File]::SetUnixFileMode($binary, [System.IO.UnixFileMode] 'UserRead, UserWrite, GroupRead, OtherRead')
        (New-Wrapper 'WindowsNetAdapterOffload' @{ name = 'Ethernet 2'; lsoIPv4 = $false }).Test() | Should -BeTrue
        [System.IO.File]::GetUnixFileMode($binary).HasFlag([System.IO.UnixFileMode]::UserExecute) | Should -BeTrue
    }

    It 'a module without a binary for this machine fails with a message naming the runtime it needs' {
        $bare = Join-Path $TestDrive 'bare'
        $null = Invoke-DscOffloadCli -Arguments @('package', 'powershell-module', '--output', $bare, '--no-binary')
        $bareModule = Import-Module (Join-Path $bare 'DscOffload/DscOffload.psd1') -Force -PassThru
        $resource = New-WrapperInstance -Module $bareModule -ClassName 'WindowsGlobalOffload' -Properties @{ IsSingleInstance = 'Yes'; chimney = 'Disabled' }
        $rid = 'linux-' + [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
        { $resource.Test() } | Should -Throw -ExpectedMessage "*no dscoffload binary for this machine ($rid)*"
        $script:module = Import-Module $script:moduleManifest -Force -PassThru
    }
}

Describe 'Linux wrapper against a recorded host' {
    BeforeAll { $env:DSCOFFLOAD_RESOURCE_STATE = $script:linuxHost }
    AfterAll { Remove-Item Env:DSCOFFLOAD_RESOURCE_STATE -ErrorAction SilentlyContinue }

    It 'reasons name each interface that drifted with the kernel features and queue counts it has' {
        $resource = New-Wrapper 'LinuxNetAdapterOffload' @{ name = 'eth*'; features = '{"tso":false}'; channels = '{"rx":1}' }
        $resource.Test() | Should -BeFalse
        $current = $resource.Get()
        $current.Reasons.Code | Should -Be @('LinuxNetAdapterOffload:LinuxNetAdapterOffload:features', 'LinuxNetAdapterOffload:LinuxNetAdapterOffload:channels')
        $current.Reasons[0].Phrase | Should -BeLike 'eth0: features is {"tx-tcp-segmentation":true,*}, desired {"tso":false}'
        $current.Reasons[1].Phrase | Should -Be 'eth0: channels is {"rx":4}, desired {"rx":1}'
        ($current.features | ConvertFrom-Json).'tx-tcp-segmentation' | Should -BeTrue
        $current.excludeName | Should -BeNullOrEmpty
    }

    It 'OffloadCoexistence Set asserts: it succeeds and changes nothing when the conditions hold' {
        $before = (Get-FileHash -LiteralPath $script:linuxHost).Hash
        $resource = New-Wrapper 'LinuxOffloadCoexistence' @{ IsSingleInstance = 'Yes'; bondMaster = $false; xfrmStateOffloaded = $false }
        { $resource.Set() } | Should -Not -Throw
        (Get-FileHash -LiteralPath $script:linuxHost).Hash | Should -Be $before
    }

    It 'OffloadCoexistence Set asserts: it fails with exit code 5, its meaning and the condition that differs when one does not hold' {
        $before = (Get-FileHash -LiteralPath $script:linuxHost).Hash
        $resource = New-Wrapper 'LinuxOffloadCoexistence' @{ IsSingleInstance = 'Yes'; bondMaster = $true }
        { $resource.Set() } | Should -Throw -ExpectedMessage '*set --type DscOffload.Linux/OffloadCoexistence failed with exit code 5 (*assertion failed*): *differs in bondMaster*'
        (Get-FileHash -LiteralPath $script:linuxHost).Hash | Should -Be $before
    }

    It 'an interface already in the desired state is compliant with no reasons' {
        $resource = New-Wrapper 'LinuxNetAdapterOffload' @{ name = 'eth1'; features = '{"tso":false}'; channels = '{"rx":1}' }
        $resource.Test() | Should -BeTrue
        @($resource.Get().Reasons).Count | Should -Be 0
    }
}

Describe 'Linux wrapper against a veth interface in a network namespace' {
    BeforeAll {
        $script:privileged = Test-PrivilegedRun
        if ($script:privileged) { $script:namespace = New-TestNamespace -Interface 'pv0' -Peer 'pv1' }
        $script:sequence = Join-Path $PSScriptRoot 'Invoke-WrapperSequence.ps1'
        # A live Set journals and locks in the state directory: keep that out of the machine's own.
        $script:savedStateDir = $env:DSCOFFLOAD_STATE_DIR
        $script:stateDir = Join-Path ([System.IO.Path]::GetTempPath()) ("dscoffload-pester-" + [guid]::NewGuid().ToString('n'))
        $env:DSCOFFLOAD_STATE_DIR = $script:stateDir
    }

    AfterAll {
        if ($script:privileged) { Remove-TestNamespace $script:namespace }
        $env:DSCOFFLOAD_STATE_DIR = $script:savedStateDir
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $script:stateDir
    }

    It 'Set turns the features off, then Test passes, Get has no reasons and the kernel agrees' {
        if (-not $script:privileged) { Set-ItResult -Skipped -Because (Get-PrivilegedSkipReason); return }
        Get-NamespaceFeature -Namespace $script:namespace -Interface 'pv0' -Feature 'tcp-segmentation-offload' | Should -BeTrue
        $run = Invoke-InNamespace -Namespace $script:namespace -Script $script:sequence -Arguments @(
            '-ModuleManifest', $script:moduleManifest, '-ClassName', 'LinuxNetAdapterOffload', '-PropertiesJson', '{"name":"pv0","features":"{\"tso\":false,\"gso\":false}"}')
        $run.TestBefore | Should -BeFalse
        $run.ReasonsBefore.Code | Should -Be @('LinuxNetAdapterOffload:LinuxNetAdapterOffload:features')
        $run.ReasonsBefore[0].Phrase | Should -BeLike 'pv0: features is {*"tx-tcp-segmentation":true*}, desired {"tso":false,"gso":false}'
        $run.TestAfter | Should -BeTrue
        @($run.ReasonsAfter).Count | Should -Be 0
        ($run.FeaturesAfter | ConvertFrom-Json).'tx-generic-segmentation' | Should -BeFalse
        Get-NamespaceFeature -Namespace $script:namespace -Interface 'pv0' -Feature 'tcp-segmentation-offload' | Should -BeFalse
        Get-NamespaceFeature -Namespace $script:namespace -Interface 'pv0' -Feature 'generic-segmentation-offload' | Should -BeFalse
    }

    It 'an audit (Test and Get, no Set) reports the drift and leaves the kernel as it is' {
        if (-not $script:privileged) { Set-ItResult -Skipped -Because (Get-PrivilegedSkipReason); return }
        $run = Invoke-InNamespace -Namespace $script:namespace -Script $script:sequence -Arguments @(
            '-ModuleManifest', $script:moduleManifest, '-ClassName', 'LinuxNetAdapterOffload', '-PropertiesJson', '{"name":"pv0","features":"{\"gro\":true}"}', '-SkipSet')
        $run.TestBefore | Should -BeFalse
        $run.ReasonsBefore.Code | Should -Be @('LinuxNetAdapterOffload:LinuxNetAdapterOffload:features')
        $run.ReasonsBefore[0].Phrase | Should -Be 'pv0: features is {"rx-gro":false}, desired {"gro":true}'
        Get-NamespaceFeature -Namespace $script:namespace -Interface 'pv0' -Feature 'generic-receive-offload' | Should -BeFalse
    }
}
