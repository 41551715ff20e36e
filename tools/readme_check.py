#!/usr/bin/env python3
"""README runs verbatim: every shell block runs, every Swift block compiles.

Usage: python3 tools/readme_check.py [--readme README.md] [--extract PATH] [--skip-swift]
                                     [--work DIR] [--keep]

Shell blocks (```sh / ```bash / ```shell) run in README order, each with `bash -e -o pipefail`,
in one fresh temporary folder, with the built `extract` first on PATH (`--extract`, default
.build/debug/extract). Lines that call `scripts/...` are skipped: they are the Quick start that
runs this check (scripts/demo, scripts/test). A block that fails stops the check (exit 1).

Swift blocks (```swift) compile in a temporary package: the block that starts with
`// swift-tools-version` is its Package.swift, verbatim, and must depend on this repository
through `.package(path: "../swift-extract")`; the check places a link named `swift-extract` to
the repository beside it (a path dependency's identity is its folder name). Every other Swift
block becomes an executable target of its own (main.swift) with the dependencies of the
manifest's first target, and the package is built with `swift build`. The package lives in
.build/readme-check (kept, so a second run rebuilds only what changed).

Last line: `readme_check: OK (S shell blocks ran, W Swift blocks compiled)` or `readme_check: FAIL (...)`.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(\w*)\s*$")
SHELL_LANGUAGES = {"sh", "bash", "shell", "console"}


def blocks(text):
    """(language, first line number, body) for every fenced block, in order."""
    found, language, start, body = [], None, 0, []
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if language is None and match:
            language, start, body = match.group(1), number + 1, []
        elif language is not None and line.rstrip() == "```":
            found.append((language, start, "\n".join(body) + "\n"))
            language = None
        elif language is not None:
            body.append(line)
    if language is not None:
        raise SystemExit(f"readme_check: FAIL (block opened at line {start - 1} is never closed)")
    return found


def runnable(body):
    """The block without the lines that call scripts/ (the Quick start that runs this check)."""
    return "\n".join(l for l in body.splitlines() if not l.lstrip().startswith("scripts/")).strip()


def run_shell(shell_blocks, extract, keep):
    folder = Path(tempfile.mkdtemp(prefix="readme-shell-"))
    env = dict(os.environ)
    env["PATH"] = f"{Path(extract).resolve().parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("EXTRACT_STORE", None)
    ran = 0
    try:
        for start, body in shell_blocks:
            script = runnable(body)
            if not script:
                print(f"skip shell block at line {start} (scripts/ only)")
                continue
            print(f"--- shell block at line {start} (in {folder})", flush=True)
            done = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-x", "-c", script],
                cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            print(done.stdout, end="")
            if done.returncode != 0:
                return ran, f"shell block at line {start} exited {done.returncode}"
            ran += 1
        return ran, None
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def build_swift(swift_blocks, work):
    manifests = [(s, b) for s, b in swift_blocks if b.lstrip().startswith("// swift-tools-version")]
    if len(manifests) != 1:
        return 0, f"expected exactly one Swift block starting with // swift-tools-version, found {len(manifests)}"
    manifest_line, manifest = manifests[0]
    if '.package(path: "../swift-extract")' not in manifest:
        return 0, f'the Package.swift block (line {manifest_line}) does not use .package(path: "../swift-extract")'
    app = work / "app"
    if (app / "Sources").exists():
        shutil.rmtree(app / "Sources")
    app.mkdir(parents=True, exist_ok=True)
    link = work / "swift-extract"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(REPO, target_is_directory=True)
    targets = []
    for start, body in swift_blocks:
        if start == manifest_line:
            continue
        name = f"ReadmeBlockLine{start}"
        source = app / "Sources" / name
        source.mkdir(parents=True)
        (source / "main.swift").write_text(f"// README.md line {start}\n" + body)
        targets.append(name)
    first = re.search(r'\.(?:executableTarget|target)\(\s*name:\s*"([^"]+)"', manifest)
    if not first:
        return 0, f"the Package.swift block (line {manifest_line}) declares no target"
    own = app / "Sources" / first.group(1)
    own.mkdir(parents=True, exist_ok=True)
    if not any(own.iterdir()):
        (own / "main.swift").write_text("// The README's own target: the check compiles the other blocks beside it.\n")
    extra = "".join(
        f'package.targets.append(.executableTarget(name: "{t}", dependencies: package.targets[0].dependencies,'
        f' path: "Sources/{t}"))\n'
        for t in targets
    )
    (app / "Package.swift").write_text(manifest + "\n// Added by tools/readme_check.py: one target per README Swift block.\n" + extra)
    print(f"--- swift build in {app} ({len(targets)} blocks + the manifest)", flush=True)
    done = subprocess.run(["swift", "build"], cwd=app, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(done.stdout[-20000:], end="")
    if done.returncode != 0:
        return 0, f"swift build of the README's Swift blocks exited {done.returncode}"
    return len(targets) + 1, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", default=str(REPO / "README.md"))
    parser.add_argument("--extract", default=str(REPO / ".build/debug/extract"), help="the built extract binary")
    parser.add_argument("--work", default=str(REPO / ".build/readme-check"), help="folder of the Swift package")
    parser.add_argument("--skip-swift", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the shell blocks' folder")
    args = parser.parse_args()
    if not os.access(args.extract, os.X_OK):
        print(f"readme_check: FAIL (no extract binary at {args.extract}; build it first: swift build)")
        return 1
    found = blocks(Path(args.readme).read_text())
    shell = [(s, b) for lang, s, b in found if lang in SHELL_LANGUAGES]
    swift = [(s, b) for lang, s, b in found if lang == "swift"]
    ran, error = run_shell(shell, args.extract, args.keep)
    compiled = 0
    if error is None and not args.skip_swift:
        compiled, error = build_swift(swift, Path(args.work))
    if error:
        print(f"readme_check: FAIL ({error})")
        return 1
    print(f"readme_check: OK ({ran} shell blocks ran, {compiled} Swift blocks compiled)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
