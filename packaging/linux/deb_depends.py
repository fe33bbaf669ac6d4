"""Print the Debian packages a bundle's shared libraries need: ``Depends`` and ``Recommends``.

python deb_depends.py BUNDLE_DIR      prints two lines: the Depends value, the Recommends value

Runs ldd on every ELF file in the bundle (with the bundle's own library folders on the search
path, as the bundle's launcher sets them), keeps the libraries found outside the bundle, and asks
dpkg which package holds each. Libraries needed only by optional Qt plugins (Wayland, which falls
back to X11; the ibus input method) make Recommends; all others Depends. A library that ldd cannot
find is reported on stderr; when a non-optional file needs it the exit status is 1, since the
bundle would not start on a system like this one. The names are the build system's: build the .deb
on the oldest Debian or Ubuntu it should install on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# Files whose libraries are optional: Qt tries the Wayland plugin first and falls back to X11.
OPTIONAL = re.compile(r"wayland|Wayland|WlShell|libibusplatforminputcontext")


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def owner(lib: str) -> str | None:
    for candidate in dict.fromkeys((lib, os.path.realpath(lib))):
        query = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if query.returncode == 0:
            return query.stdout.split(":", 1)[0]
    return None


def main(bundle: Path) -> int:
    bundle = bundle.resolve()
    files = elf_files(bundle)
    lib_dirs = sorted({str(f.parent) for f in files if ".so" in f.name})
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(lib_dirs))
    needed: dict[str, bool] = {}  # library path -> needed by a non-optional file
    missing: dict[str, set[str]] = {}
    for path in files:
        optional = bool(OPTIONAL.search(str(path.relative_to(bundle))))
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            if "=> not found" in line:
                missing.setdefault(line.split()[0], set()).add(str(path.relative_to(bundle)))
                continue
            match = re.search(r"=> (/\S+)", line)
            if match and not match.group(1).startswith(str(bundle)):
                needed[match.group(1)] = needed.get(match.group(1), False) or not optional
    status = 0
    for lib, users in sorted(missing.items()):
        fatal = any(not OPTIONAL.search(user) for user in users)
        status |= fatal
        kind = "missing" if fatal else "missing (optional)"
        print(f"deb_depends: {lib} {kind}, needed by {', '.join(sorted(users))}", file=sys.stderr)
    depends: set[str] = set()
    recommends: set[str] = set()
    for lib, required in sorted(needed.items()):
        package = owner(lib)
        if package is None:
            print(f"deb_depends: no package owns {lib}", file=sys.stderr)
        else:
            (depends if required else recommends).add(package)
    print(", ".join(sorted(depends | {"libc6"})))
    print(", ".join(sorted(recommends - depends)))
    return status


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
