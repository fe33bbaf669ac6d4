# Windows: build the PyInstaller bundle (dist\jobdeck\), smoke-test it, and wrap it in an Inno
# Setup installer (packaging\windows\jobdeck.iss).
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-installer.ps1
#
# Needs Python 3.11+ (py launcher or python on PATH) and Inno Setup 6 (iscc.exe on PATH, or in
# its default folder; `choco install innosetup` installs it). CI runs this on a Windows runner
# (.github/workflows/package.yml). It cannot run on Linux.
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")
$Root = (Get-Location).Path

$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
$Version = & $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
if ($LASTEXITCODE -ne 0) { throw "cannot read the version from pyproject.toml" }

$Venv = "build\venv"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { & $Python -m venv $Venv }
& "$Venv\Scripts\python.exe" -m pip install --quiet --upgrade pip
& "$Venv\Scripts\python.exe" -m pip install --quiet -r packaging\requirements-build.txt $Root
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

if (Test-Path dist\jobdeck) { Remove-Item -Recurse -Force dist\jobdeck }
Push-Location build
& "$Root\$Venv\Scripts\pyinstaller.exe" --noconfirm --log-level WARN `
    --distpath "$Root\dist" --workpath "$Root\build\pyinstaller" "$Root\packaging\jobdeck.spec"
$built = $LASTEXITCODE
Pop-Location
if ($built -ne 0) { throw "pyinstaller failed" }

# Smoke test with the console executable (the window one cannot print), on a throw-away library.
$Tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("jobdeck-smoke-" + [guid]::NewGuid())
$env:QT_QPA_PLATFORM = "offscreen"
$Cli = "dist\jobdeck\jobdeck-cli.exe"
& $Cli --version
& $Cli --data-dir "$Tmp\data" --self-test
if ($LASTEXITCODE -ne 0) { throw "--self-test failed" }
& $Cli --data-dir "$Tmp\data" import tests\fixtures\jobright-amazon-rl-intern.txt
if ($LASTEXITCODE -ne 0) { throw "import failed" }
$export = & $Cli --data-dir "$Tmp\data" export --format json | Out-String
if ($export -notmatch '"Amazon"') { throw "the export does not contain Amazon" }
Remove-Item Env:QT_QPA_PLATFORM
Remove-Item -Recurse -Force $Tmp

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" packaging\windows\jobdeck.iss
if ($LASTEXITCODE -ne 0) { throw "iscc failed" }
Get-Item "dist\jobdeck-$Version-windows-x64-setup.exe" | Select-Object Name, Length
