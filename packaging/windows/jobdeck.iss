; Inno Setup script: the Windows installer for the PyInstaller bundle in dist\jobdeck\.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\jobdeck.iss
;
; Build the bundle first (packaging\windows\build-installer.ps1 does both). Produces
; dist\jobdeck-VERSION-windows-x64-setup.exe: installs per user without admin rights, or for all
; users with them (the installer asks); a Start menu entry, an optional desktop icon, and an
; uninstaller. jobdeck.exe is the window; jobdeck-cli.exe is the same app for a terminal
; (export, import, list ...), since a window program on Windows has no console to print to.
; Data stays where any Jobdeck keeps it (%LOCALAPPDATA%\Jobdeck); uninstalling leaves it there.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; AppId identifies the app across versions: never change it.
AppId={{28A8F2C7-2282-4DA5-A722-B3DD3A60C09F}
AppName=Jobdeck
AppVersion={#AppVersion}
AppVerName=Jobdeck {#AppVersion}
AppPublisher=The Jobdeck developers
AppPublisherURL=https://github.com/jobdeck/jobdeck
AppSupportURL=https://github.com/jobdeck/jobdeck/issues
AppComments=Save job postings and track your applications, on your own computer
DefaultDirName={autopf}\Jobdeck
DefaultGroupName=Jobdeck
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=jobdeck-{#AppVersion}-windows-x64-setup
SetupIconFile=resources\icons\jobdeck.ico
UninstallDisplayIcon={app}\jobdeck.exe
UninstallDisplayName=Jobdeck
VersionInfoVersion={#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\jobdeck\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Jobdeck"; Filename: "{app}\jobdeck.exe"; Comment: "Save job postings and track your applications"
Name: "{autodesktop}\Jobdeck"; Filename: "{app}\jobdeck.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\jobdeck.exe"; Description: "{cm:LaunchProgram,Jobdeck}"; Flags: nowait postinstall skipifsilent
