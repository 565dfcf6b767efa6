# The Windows verification script (scripts/windows/Verify-DscOffload.ps1) cannot run here: it needs a Windows
# host. What is tested here is what can go wrong without one: that it parses (in the language Windows
# PowerShell 5.1 has too), that it has one check per open question of docs/windows-verification.md with the
# same number and title, that it changes nothing unless asked, and that its report is written from step
# results and check answers (the pure functions, dot-sourced).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:scriptPath = Get-RepositoryPath 'scripts/windows/Verify-DscOffload.ps1'
    $script:docText = Get-Content -Raw -LiteralPath (Get-RepositoryPath 'docs/windows-verification.md')
    $tokens = $null; $errors = $null
    $script:ast = [System.Management.Automation.Language.Parser]::ParseFile($script:scriptPath, [ref]$tokens, [ref]$errors)
    $script:parseErrors = $errors
    . $script:scriptPath

    function Get-DocQuestion
    {
        foreach ($line in ($script:docText -split "`r?`n"))
        {
            if ($line -match '^(\d+)\. \*\*(.+?)\*\*') { [pscustomobject]@{ Number = [int]$Matches[1]; Title = $Matches[2] } }
        }
    }

    function New-CannedContext
    {
        # What a run on a host leaves for the checks, without the host.
        $steps = New-Object System.Collections.ArrayList
        return [pscustomobject]@{
            Exe = 'C:\install\dscoffload.exe'; InstallFolder = 'C:\install'; Steps = $steps
            Host = [pscustomobject]@{ OsVersion = 'Microsoft Windows Server 2022 Datacenter 10.0.20348 (build 20348)'; PowerShell = '5.1.20348.1'
                Elevated = $true; BinaryKind = 'trimmed single-file bundle'; NativeLibraryPresent = $true; Driver = 'Intel 1.2.3' }
            Descriptions = $null; HiddenComparison = $null; SettingDataClasses = $null; GlobalComparison = @(); RegistryComparison = @()
            AdapterComparison = @(); RssRscComparison = @(); ModuleDiscovery = $null; ReadBack = $null; NeverRestartSignals = $null
            RejectedWrite = $null
            StateDirectoryAcl = $null
        }
    }

    function Add-Step($Context, [string] $Name, [int] $ExitCode, [string] $StdErr = '', [int[]] $Expected = @(0), [string] $StdOut = '{}')
    {
        [void]$Context.Steps.Add((New-StepResult -Name $Name -Command "dscoffload $Name" -ExitCode $ExitCode -StdOut $StdOut -StdErr $StdErr -ExpectedExitCodes $Expected))
    }

    function Get-Answer($Context, [int] $Number)
    {
        return @(Invoke-QuestionCheck $Context) | Where-Object { $_.Number -eq $Number }
    }
}

Describe 'The Windows verification script' {
    It 'parses without errors' {
        @($script:parseErrors).Count | Should -Be 0
    }

    It 'uses no syntax Windows PowerShell 5.1 lacks (ternary, ??, ?., && and ||)' {
        $newer = $script:ast.FindAll({
                param ($node)
                $node.GetType().Name -in @('TernaryExpressionAst', 'PipelineChainAst') -or
                ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') -or
                ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional)
            }, $true)
        @($newer | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Extent.Text)" }) | Should -BeNullOrEmpty
    }

    It 'has one check per open question of docs/windows-verification.md, with its number and title' {
        $doc = @(Get-DocQuestion)
        $doc.Count | Should -BeGreaterThan 0
        $script = @(Get-VerificationQuestion)
        @($script | ForEach-Object { "$($_.Number). $($_.Title)" }) | Should -Be @($doc | ForEach-Object { "$($_.Number). $($_.Title)" })
    }

    It 'reads the question numbers of the page as the script does' {
        Get-OpenQuestionNumber -MarkdownText $script:docText | Should -Be @(Get-DocQuestion | ForEach-Object { $_.Number })
    }

    It 'answers every question, with its number, even when nothing could run' {
        $answers = @(Invoke-QuestionCheck (New-CannedContext))
        @($answers | ForEach-Object { $_.Number }) | Should -Be @(Get-DocQuestion | ForEach-Object { $_.Number })
        @($answers | Where-Object { $_.Answer -like 'the check failed*' }) | Should -BeNullOrEmpty
        (@($answers | Where-Object { $_.Number -eq 3 }))[0].Status | Should -Be 'NotRun'
    }

    It 'changes the host only inside the -AllowChanges branch, after ShouldProcess or -Force' {
        $calls = @($script:ast.FindAll({ param ($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Invoke-ChangeSequence' }, $true))
        $calls.Count | Should -Be 1
        $guards = @()
        $node = $calls[0].Parent
        while ($null -ne $node)
        {
            if ($node -is [System.Management.Automation.Language.IfStatementAst]) { $guards += $node.Clauses[0].Item1.Extent.Text }
            $node = $node.Parent
        }
        $guards | Should -Contain '$AllowChanges'
        ($guards -join ' ') | Should -Match 'ShouldProcess'
        $script:ast.ParamBlock.Parameters.Name.VariablePath.UserPath | Should -Contain 'AllowChanges'
    }

    It 'provokes the rejected write of question 6 only inside the -AllowChanges branch, after ShouldProcess or -Force' {
        $calls = @($script:ast.FindAll({ param ($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Get-RejectedWriteError' }, $true))
        $calls.Count | Should -Be 1
        $guards = @()
        $node = $calls[0].Parent
        while ($null -ne $node)
        {
            if ($node -is [System.Management.Automation.Language.IfStatementAst]) { $guards += $node.Clauses[0].Item1.Extent.Text }
            $node = $node.Parent
        }
        $guards | Should -Contain '$AllowChanges'
        ($guards -join ' ') | Should -Match 'ShouldProcess'
    }
}

Describe 'The checks of the verification script' {
    It 'question 21: names the settings dscoffload treats as without effect on the host''s build' {
        $answer = Get-Answer (New-CannedContext) 21
        $answer.Status | Should -Be 'Manual'
        ($answer.Evidence -join ' ') | Should -Match 'host build 20348; dscoffload treats as without effect: .*tcpipParameters\.enableTCPA.*chimney, tcpConnectionOffloadIPv4'
    }

    It 'question 21: a host whose build is older than the removals keeps chimney' {
        $context = New-CannedContext
        $context.Host.OsVersion = 'Microsoft Windows Server 2016 Datacenter 10.0.14393 (build 14393)'
        ((Get-Answer $context 21).Evidence -join ' ') | Should -Not -Match ', chimney,'
    }

    It 'question 3: a restart: Never set that fails verification shows setting data reports the old value' {
        $context = New-CannedContext
        Add-Step $context 'resource set, restart Never' 7 'dscoffload: error: partially applied: did not take effect'
        (Get-Answer $context 3).Status | Should -Be 'Failed'
    }

    It 'question 3: a restart: Never set that succeeds and reads back the written value is answered' {
        $context = New-CannedContext
        Add-Step $context 'resource set, restart Never' 0
        $context.ReadBack = [pscustomobject]@{ Setting = 'lsoIPv4'; Before = $true; Desired = $false; AfterNever = $false; Keyword = '*LsoV2IPv4'
            KeywordBefore = '1'; KeywordAfterNever = '0'; KeywordInDscOffload = '0' }
        (Get-Answer $context 3).Status | Should -Be 'Answered'
        (Get-Answer $context 4).Status | Should -Be 'Answered'
    }

    It 'question 3: a restart: Never set that reads the old value back and reports a pending restart is answered' {
        $context = New-CannedContext
        Add-Step $context 'resource set, restart Never' 0 "lsoIPv4 still reads true after the write: pending restart; … written but not verified"
        $context.ReadBack = [pscustomobject]@{ Setting = 'lsoIPv4'; Before = $true; Desired = $false; AfterNever = $true; Keyword = '*LsoV2IPv4'
            KeywordBefore = '1'; KeywordAfterNever = '1'; KeywordInDscOffload = '1' }
        $answer = Get-Answer $context 3
        $answer.Status | Should -Be 'Answered'
        $answer.Answer | Should -Match 'active value until the restart'
    }

    It 'question 3: the old value read back without a pending restart reported is a failure' {
        $context = New-CannedContext
        Add-Step $context 'resource set, restart Never' 0
        $context.ReadBack = [pscustomobject]@{ Setting = 'lsoIPv4'; Before = $true; Desired = $false; AfterNever = $true; Keyword = '*LsoV2IPv4'
            KeywordBefore = '1'; KeywordAfterNever = '1'; KeywordInDscOffload = '1' }
        (Get-Answer $context 3).Status | Should -Be 'Failed'
    }

    It 'question 6: classifies a rejected write as dscoffload does (Win32 87 in the details, or MI INVALID_PARAMETER)' {
        Get-CimErrorClass ([pscustomobject]@{ NativeErrorCode = 'Failed'; ErrorType = 'Win32'; ErrorCode = 87; CimStatusCode = 1 }) | Should -Be 'InvalidParameter'
        Get-CimErrorClass ([pscustomobject]@{ NativeErrorCode = 'InvalidParameter'; ErrorType = $null; ErrorCode = $null; CimStatusCode = $null }) | Should -Be 'InvalidParameter'
        Get-CimErrorClass ([pscustomobject]@{ NativeErrorCode = 'Failed'; ErrorType = 'HRESULT'; ErrorCode = 0x80070005; CimStatusCode = $null }) | Should -Be 'AccessDenied'
        Get-CimErrorClass ([pscustomobject]@{ NativeErrorCode = 'Failed'; ErrorType = 'Win32'; ErrorCode = 31; CimStatusCode = 1 }) | Should -Be 'Other'
    }

    It 'question 6: a rejected write dscoffload would not classify as invalid parameter is a failure' {
        $context = New-CannedContext
        $context.AdapterComparison = Compare-ReportedValue @{ lsoIPv4 = $true } @{ lsoIPv4 = $true }
        $context.RejectedWrite = [pscustomobject]@{ Accepted = $false; NativeErrorCode = 'Failed'; ErrorType = 'Win32'; ErrorCode = 31; CimStatusCode = 1; Evidence = 'MI Failed, Win32 31' }
        $answer = Get-Answer $context 6
        $answer.Status | Should -Be 'Failed'
        $answer.Answer | Should -Match 'would NOT classify'
        $context.RejectedWrite = [pscustomobject]@{ Accepted = $false; NativeErrorCode = 'Failed'; ErrorType = 'Win32'; ErrorCode = 87; CimStatusCode = 1; Evidence = 'MI Failed, Win32 87' }
        (Get-Answer $context 6).Status | Should -Be 'Answered'
    }

    It 'question 20: answered only for -Setting ipsecOffload, failed when the adapter restarted' {
        $context = New-CannedContext
        Add-Step $context 'resource set, restart Never' 0
        $context.ReadBack = [pscustomobject]@{ Setting = 'lsoIPv4'; Before = $true; Desired = $false; AfterNever = $false; Keyword = $null
            KeywordBefore = $null; KeywordAfterNever = $null; KeywordInDscOffload = $null }
        (Get-Answer $context 20).Status | Should -Be 'NotRun'
        $context.ReadBack.Setting = 'ipsecOffload'
        $context.NeverRestartSignals = [pscustomobject]@{ Restarted = $false; Evidence = @('counter reset: False') }
        (Get-Answer $context 20).Status | Should -Be 'Answered'
        $context.NeverRestartSignals = [pscustomobject]@{ Restarted = $true; Evidence = @('counter reset: True') }
        (Get-Answer $context 20).Status | Should -Be 'Failed'
    }

    It 'question 4: an advanced property that still shows the old value is a failure' {
        $context = New-CannedContext
        $context.ReadBack = [pscustomobject]@{ Setting = 'lsoIPv4'; Before = $true; Desired = $false; AfterNever = $false; Keyword = '*LsoV2IPv4'
            KeywordBefore = '1'; KeywordAfterNever = '1'; KeywordInDscOffload = '1' }
        (Get-Answer $context 4).Status | Should -Be 'Failed'
    }

    It 'question 2: adapters Get-NetAdapter -IncludeHidden lists but dscoffload does not show IncludeHidden is not honoured' {
        $context = New-CannedContext
        $context.HiddenComparison = [pscustomobject]@{ Windows = @('Ethernet', 'isatap.{1}'); DscOffload = @('Ethernet') }
        $context.NeverRestartSignals = [pscustomobject]@{ Restarted = $false; Evidence = @('counter reset: False') }
        $answer = Get-Answer $context 2
        $answer.Status | Should -Be 'Failed'
        $answer.Answer | Should -Match 'IncludeHidden is NOT honoured'
    }

    It 'question 2: an adapter restart during the restart: Never set shows NoRestart is not honoured' {
        $context = New-CannedContext
        $context.HiddenComparison = [pscustomobject]@{ Windows = @('Ethernet'); DscOffload = @('Ethernet') }
        $context.NeverRestartSignals = [pscustomobject]@{ Restarted = $true; Evidence = @('counter reset: True') }
        (Get-Answer $context 2).Answer | Should -Match 'NoRestart is NOT honoured'
    }

    It 'question 6: a value that differs from the cmdlets is a failure naming how many' {
        $context = New-CannedContext
        $context.AdapterComparison = Compare-ReportedValue @{ lsoIPv4 = $true; rssProfile = 'NUMAStatic' } @{ lsoIPv4 = $true; rssProfile = 'Closest' }
        $answer = Get-Answer $context 6
        $answer.Status | Should -Be 'Failed'
        $answer.Answer | Should -Match '^1 of 2 values differ'
        $answer.Evidence | Should -Contain 'rssProfile: dscoffload NUMAStatic, Windows Closest (DIFFERENT)'
    }

    It 'question 12: exit 1 naming the DLL when it is missing answers it; any other outcome fails' {
        $context = New-CannedContext
        Add-Step $context 'resource get GlobalOffload' 0
        Add-Step $context "resource get with $script:NativeLibrary removed from a copy (expected exit 1 naming it)" 1 "dscoffload: error: $script:NativeLibrary is missing from C:\x" @(1)
        (Get-Answer $context 12).Status | Should -Be 'Answered'
        $context.Steps[1].ExitCode = 0
        (Get-Answer $context 12).Status | Should -Be 'Failed'
    }

    It 'question 22: without a state directory it is not run' {
        (Get-Answer (New-CannedContext) 22).Status | Should -Be 'NotRun'
    }

    It 'question 22: a protected DACL of SYSTEM and Administrators, owning it and its files, answers it' {
        $context = New-CannedContext
        $context.StateDirectoryAcl = [pscustomobject]@{ Path = 'C:\ProgramData\DscOffload'; Exists = $true; Protected = $true
            Owner = 'BUILTIN\Administrators'; OwnerSid = 'S-1-5-32-544'; Entries = @('S-1-5-18 FullControl'); EntrySids = @('S-1-5-18', 'S-1-5-32-544')
            Files = @('C:\ProgramData\DscOffload\change.lock: BUILTIN\Administrators'); FileOwnerSids = @('S-1-5-32-544') }
        (Get-Answer $context 22).Status | Should -Be 'Answered'
    }

    It 'question 22: an inherited DACL, Users in it or a file owned by someone else fails it' {
        $context = New-CannedContext
        $context.StateDirectoryAcl = [pscustomobject]@{ Path = 'C:\ProgramData\DscOffload'; Exists = $true; Protected = $false
            Owner = 'BUILTIN\Administrators'; OwnerSid = 'S-1-5-32-544'; Entries = @(); EntrySids = @('S-1-5-18', 'S-1-5-32-545')
            Files = @(); FileOwnerSids = @('S-1-5-21-1-2-3-1001') }
        $answer = Get-Answer $context 22
        $answer.Status | Should -Be 'Failed'
        $answer.Answer | Should -Match 'inherits'
        $answer.Answer | Should -Match 'S-1-5-32-545'
        $answer.Answer | Should -Match 'S-1-5-21-1-2-3-1001'
    }

    It 'question 8: an elevated run asks for a second, unelevated run' {
        (Get-Answer (New-CannedContext) 8).Status | Should -Be 'Manual'
    }

    It 'question 8: unelevated, a set refused with exit 3 and working reads answer it' {
        $context = New-CannedContext
        $context.Host.Elevated = $false
        Add-Step $context 'resource get GlobalOffload' 0
        Add-Step $context 'resource set as a standard user (expected refusal)' 3 'dscoffload: error: elevation required' @(3)
        (Get-Answer $context 8).Status | Should -Be 'Answered'
    }
}

Describe 'The report of the verification script' {
    BeforeAll {
        $context = New-CannedContext
        Add-Step $context 'dscoffload --version' 0 '' @(0) 'dscoffload 1.0.0'
        Add-Step $context 'resource get GlobalOffload' 0 '' @(0) '{"chimney":"Disabled"}'
        Add-Step $context 'resource set, restart Never' 7 'dscoffload: error: partially applied' @(0) "output with a fence ``````inside"
        $script:report = [pscustomobject]@{ Generated = '2026-01-01T00:00:00Z'; Mode = 'changes (lsoIPv4 on ''Ethernet'')'; Host = $context.Host
            Questions = @(Invoke-QuestionCheck $context); Steps = @($context.Steps) }
        $script:paths = Write-VerificationReport -Report $script:report -Directory (Join-Path $TestDrive 'report')
        $script:markdown = Get-Content -Raw -LiteralPath $script:paths[0]
        $script:json = Get-Content -Raw -LiteralPath $script:paths[1] | ConvertFrom-Json
    }

    It 'writes verification-report.md and verification-report.json' {
        @($script:paths | ForEach-Object { Split-Path -Leaf $_ }) | Should -Be @('verification-report.md', 'verification-report.json')
        [System.IO.File]::ReadAllBytes($script:paths[0])[0] | Should -Not -Be 0xEF
    }

    It 'states the host, the OS version and the adapter driver' {
        $script:markdown | Should -Match '\| OsVersion \| Microsoft Windows Server 2022 Datacenter 10\.0\.20348'
        $script:markdown | Should -Match '\| Driver \| Intel 1\.2\.3 \|'
    }

    It 'gives each step its exit code, stdout and stderr, and marks an unexpected exit code' {
        $script:markdown | Should -Match '### 2\. resource get GlobalOffload: exit 0, as expected'
        $script:markdown | Should -Match '### 3\. resource set, restart Never: exit 7, UNEXPECTED \(expected 0\)'
        $script:markdown | Should -Match 'dscoffload: error: partially applied'
        $script:markdown | Should -Match '\{"chimney":"Disabled"\}'
        $script:markdown | Should -Match 'Steps: 3, 1 with an unexpected exit code'
    }

    It 'fences output that itself holds a fence with a longer one' {
        $script:markdown | Should -Match '(?m)^````\r?\noutput with a fence ```inside\r?\n````$'
    }

    It 'has one row per open question, with its status' {
        foreach ($q in Get-DocQuestion)
        {
            $script:markdown | Should -Match "(?m)^\| $($q.Number) \| $([regex]::Escape($q.Title)) \| (Answered|Failed|Manual|NotRun) \|"
        }
        $script:markdown | Should -Match '(?m)^\| 3 \| What setting data reports after a write without restart\. \| Failed \|'
    }

    It 'carries the same in JSON' {
        @($script:json.Questions).Count | Should -Be @(Get-DocQuestion).Count
        @($script:json.Steps | ForEach-Object { $_.ExitCode }) | Should -Be @(0, 0, 7)
        $script:json.Host.OsVersion | Should -Match 'Windows Server 2022'
    }
}

Describe 'The package check of the verification script' {
    BeforeAll {
        $script:hash = 'ab' * 32
        $script:sums = "$('cd' * 32)  dscoffload_1.0.0_amd64.deb`n$script:hash  dscoffload-1.0.0-win-x64.zip`n"
    }

    It 'accepts the zip whose hash SHA256SUMS lists' {
        Test-Sha256Sums -SumsText $script:sums -FileName 'dscoffload-1.0.0-win-x64.zip' -ActualHash $script:hash | Should -Match 'matches SHA256SUMS'
    }

    It 'refuses a zip whose hash differs' {
        { Test-Sha256Sums -SumsText $script:sums -FileName 'dscoffload-1.0.0-win-x64.zip' -ActualHash ('ef' * 32) } | Should -Throw '*does not match SHA256SUMS*'
    }

    It 'refuses a zip SHA256SUMS does not list' {
        { Test-Sha256Sums -SumsText $script:sums -FileName 'other.zip' -ActualHash $script:hash } | Should -Throw '*not listed*'
    }
}

Describe 'Running dscoffload from the verification script (the Linux binary over a recorded Windows host)' {
    BeforeAll {
        $script:savedState = $env:DSCOFFLOAD_RESOURCE_STATE
        $script:savedDir = $env:DSCOFFLOAD_STATE_DIR
        $env:DSCOFFLOAD_RESOURCE_STATE = Get-RepositoryPath 'examples/snapshots/windows/fast-01.dsc.json'
        $env:DSCOFFLOAD_STATE_DIR = Join-Path $TestDrive 'state'
        $script:context = New-CannedContext
        $script:context.Exe = Get-DscOffloadTestBinary
    }

    AfterAll {
        $env:DSCOFFLOAD_RESOURCE_STATE = $script:savedState
        $env:DSCOFFLOAD_STATE_DIR = $script:savedDir
    }

    It 'passes the input on stdin and records the exit code and the state' {
        $step = Invoke-Resource $script:context 'get every adapter' 'get' $script:NetAdapterType @{ name = '*' }
        $step.ExitCode | Should -Be 0
        $step.Passed | Should -BeTrue
        $step.StdIn | Should -Be '{"name":"*"}'
        $values = Get-StateValue (ConvertFrom-DscOffloadOutput $step.StdOut)
        $values['checksumIPv4'] | Should -BeIn @('Disabled', 'TxEnabled', 'RxEnabled', 'RxTxEnabled')
        # Read-HostFacts compares these names with Get-NetAdapter -IncludeHidden (question 2).
        @((ConvertFrom-DscOffloadOutput $step.StdOut).adapters | ForEach-Object { $_.name } | Where-Object { $_ }).Count | Should -BeGreaterThan 0
        $script:context.Steps | Should -Contain $step
    }

    It 'keeps an adapter name with spaces, quotes and non-ASCII letters intact (stdin as UTF-8, no command-line quoting)' {
        $name = "No `"such`" Netzwerkkarte $([char]0x00FC)ber 2"
        $step = Invoke-Resource $script:context 'get a name that matches nothing' 'get' $script:NetAdapterType @{ name = $name }
        $step.ExitCode | Should -Be 0
        (ConvertFrom-DscOffloadOutput $step.StdOut).name | Should -BeExactly $name
    }

    It 'marks an exit code it did not expect and keeps the error line' {
        $step = Invoke-Resource $script:context 'get with a typo' 'get' $script:NetAdapterType @{ nme = 'x' }
        $step.ExitCode | Should -Be 2
        $step.Passed | Should -BeFalse
        ($step.StdOut + $step.StdErr) | Should -Match "unknown property 'nme'"
    }

    It 'reads the journal ids of an empty journal as none' {
        @(Get-JournalId $script:context 'rollback --list') | Should -BeNullOrEmpty
        $script:context.Steps[$script:context.Steps.Count - 1].ExitCode | Should -Be 0
    }
}

Describe 'The Windows workflow' {
    It 'runs the verification script on the installed release zip, not on the publish folder' {
        $workflow = Get-Content -Raw -LiteralPath (Get-RepositoryPath '.github/workflows/windows.yml')
        $workflow | Should -Match 'scripts[/\\]windows[/\\]Verify-DscOffload\.ps1 -Package \$env:DSCOFFLOAD_ZIP '
        $workflow | Should -Match '"DSCOFFLOAD_ZIP=dist/\$name\.zip"'
        # The steps after it (the test suite's process-level tests, the smoke test) run the installed exe.
        $workflow | Should -Match '\$env:DSCOFFLOAD_BINARY = \$env:DSCOFFLOAD_EXE'
        $workflow | Should -Not -Match 'DSCOFFLOAD_BINARY:.*out'
        $workflow | Should -Not -Match 'out[/\\]dscoffload\.exe"? (resource|snapshot|config|validate)'
    }
}
