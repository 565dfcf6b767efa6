# A reader for the subset of MOF that compiled PSDSC configurations use: comments, `instance of Class
# [as $alias] { Name = value; ... };` with string (escaped, adjacent literals joined), boolean, integer,
# NULL, array and alias values. Tests use it to parse generated packages back; it is independent of the
# C# writer on purpose.

Set-StrictMode -Version 3.0

function Read-MofDocument
{
    # Returns one object per instance: Class, Alias and Properties (ordered name -> value).
    param ([Parameter(Mandatory)] [string] $Text)

    $script:mof = $Text
    $script:at = 0
    $instances = [System.Collections.Generic.List[object]]::new()
    while ($true)
    {
        Skip-MofSpace
        if ($script:at -ge $script:mof.Length) { break }
        Expect-MofWord 'instance'
        Expect-MofWord 'of'
        $class = Read-MofIdentifier
        $alias = $null
        Skip-MofSpace
        if (Test-MofWord 'as')
        {
            Expect-MofWord 'as'
            Skip-MofSpace
            $alias = Read-MofAlias
        }

        Expect-MofChar '{'
        $properties = [ordered] @{}
        while ($true)
        {
            Skip-MofSpace
            if ((Peek-MofChar) -eq '}') { $script:at++; break }
            $name = Read-MofIdentifier
            if ($properties.Contains($name)) { throw "MOF: property '$name' appears twice in an instance of $class" }
            Expect-MofChar '='
            $properties[$name] = Read-MofValue
            Expect-MofChar ';'
        }

        Expect-MofChar ';'
        $instances.Add([pscustomobject] @{ Class = $class; Alias = $alias; Properties = $properties })
    }

    return , $instances.ToArray()
}

function Skip-MofSpace
{
    while ($script:at -lt $script:mof.Length)
    {
        $c = $script:mof[$script:at]
        if ([char]::IsWhiteSpace($c)) { $script:at++; continue }
        if ($script:mof.Substring($script:at).StartsWith('/*'))
        {
            $end = $script:mof.IndexOf('*/', $script:at + 2)
            if ($end -lt 0) { throw 'MOF: unterminated comment' }
            $script:at = $end + 2
            continue
        }

        if ($script:mof.Substring($script:at).StartsWith('//'))
        {
            $end = $script:mof.IndexOf("`n", $script:at)
            $script:at = if ($end -lt 0) { $script:mof.Length } else { $end + 1 }
            continue
        }

        break
    }
}

function Peek-MofChar
{
    Skip-MofSpace
    if ($script:at -ge $script:mof.Length) { return [char] 0 }
    return $script:mof[$script:at]
}

function Expect-MofChar([char] $Expected)
{
    if ((Peek-MofChar) -ne $Expected) { throw "MOF: expected '$Expected' at offset $($script:at), found '$(Peek-MofChar)'" }
    $script:at++
}

function Test-MofWord([string] $Word)
{
    Skip-MofSpace
    $end = $script:at + $Word.Length
    return $end -le $script:mof.Length -and $script:mof.Substring($script:at, $Word.Length) -ieq $Word -and ($end -eq $script:mof.Length -or -not [char]::IsLetterOrDigit($script:mof[$end]))
}

function Expect-MofWord([string] $Word)
{
    if (-not (Test-MofWord $Word)) { throw "MOF: expected '$Word' at offset $($script:at)" }
    $script:at += $Word.Length
}

function Read-MofIdentifier
{
    Skip-MofSpace
    $start = $script:at
    while ($script:at -lt $script:mof.Length -and ([char]::IsLetterOrDigit($script:mof[$script:at]) -or $script:mof[$script:at] -eq '_')) { $script:at++ }
    if ($script:at -eq $start) { throw "MOF: expected an identifier at offset $start" }
    return $script:mof.Substring($start, $script:at - $start)
}

function Read-MofAlias
{
    Expect-MofChar '$'
    return '$' + (Read-MofIdentifier)
}

function Read-MofString
{
    # One or more adjacent double-quoted literals, joined.
    $text = [System.Text.StringBuilder]::new()
    while ((Peek-MofChar) -eq '"')
    {
        $script:at++
        while ($true)
        {
            if ($script:at -ge $script:mof.Length) { throw 'MOF: unterminated string' }
            $c = $script:mof[$script:at++]
            if ($c -eq '"') { break }
            if ($c -ne '\') { $null = $text.Append($c); continue }
            $e = $script:mof[$script:at++]
            switch -CaseSensitive ($e)
            {
                'n' { $null = $text.Append("`n") }
                'r' { $null = $text.Append("`r") }
                't' { $null = $text.Append("`t") }
                'b' { $null = $text.Append([char] 8) }
                'f' { $null = $text.Append([char] 12) }
                { $_ -in 'x', 'X' }
                {
                    $hex = [System.Text.StringBuilder]::new()
                    while ($hex.Length -lt 4 -and $script:at -lt $script:mof.Length -and [Uri]::IsHexDigit($script:mof[$script:at])) { $null = $hex.Append($script:mof[$script:at++]) }
                    $null = $text.Append([char] [Convert]::ToInt32($hex.ToString(), 16))
                }
                default { $null = $text.Append($e) }
            }
        }
    }

    return $text.ToString()
}

function Read-MofValue
{
    $c = Peek-MofChar
    if ($c -eq '"') { return Read-MofString }
    if ($c -eq '$') { return [pscustomobject] @{ Reference = (Read-MofAlias) } }
    if ($c -eq '{')
    {
        $script:at++
        $items = [System.Collections.Generic.List[object]]::new()
        if ((Peek-MofChar) -ne '}')
        {
            while ($true)
            {
                $items.Add((Read-MofValue))
                if ((Peek-MofChar) -eq ',') { $script:at++; continue }
                break
            }
        }

        Expect-MofChar '}'
        return , $items.ToArray()
    }

    if (Test-MofWord 'True') { $script:at += 4; return $true }
    if (Test-MofWord 'False') { $script:at += 5; return $false }
    if (Test-MofWord 'NULL') { $script:at += 4; return $null }
    $start = $script:at
    while ($script:at -lt $script:mof.Length -and ($script:mof[$script:at] -match '[0-9+\-.eE]')) { $script:at++ }
    $number = $script:mof.Substring($start, $script:at - $start)
    if ($number.Length -eq 0) { throw "MOF: unexpected '$c' at offset $start" }
    if ($number -match '^[+-]?\d+$') { return [long] $number }
    return [double]::Parse($number, [cultureinfo]::InvariantCulture)
}

Export-ModuleMember -Function Read-MofDocument
