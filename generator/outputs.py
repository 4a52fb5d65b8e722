"""Writing generated files without losing anything a user wrote.

Each output folder carries a manifest (.archgen-manifest.json) of the files
archgen wrote and their hashes. Before replacing a folder, archgen compares:
a file that differs from its manifest entry, or a file the manifest does not
know, was put there by someone else, and the build stops unless forced.
Files are written to a staging folder beside the target and moved into place
only when everything succeeded, so a failed build leaves earlier output as it
was.

One archgen at a time writes into an output folder: `locked(out_dir)` holds an
exclusive lock on OUT/.archgen.lock (released by the kernel when the process
dies, so a killed build never leaves a stale lock) and, once it has it, removes
what an interrupted or killed build left behind. The swap of an old folder for
a new one runs with SIGINT and SIGTERM held back, so a signal never falls
between its two renames.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from generator.errors import ArchgenError

MANIFEST = ".archgen-manifest.json"
LOCK = ".archgen.lock"
STAGING_PREFIX = ".archgen-staging-"
OLD_MARK = ".old-"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def user_changes(folder: Path) -> list[str]:
    """Files in folder that archgen did not write or that were edited since."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        return [f"{folder.name} (a file where the output folder goes)"]
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        return sorted(_files(folder)) or []
    manifest = json.loads(manifest_path.read_text())
    changed = []
    for name, data in _files(folder).items():
        if manifest.get(name) != _digest(data):
            changed.append(name)
    return changed


def ensure_writable(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out_dir, prefix=".archgen-probe-", delete=True)
        probe.close()
    except OSError as exc:
        raise ArchgenError(
            f"cannot write to output folder: {exc.strerror}",
            file=out_dir,
            suggestion="choose another folder with --out",
        ) from None


def staging_dir(out_dir: Path) -> Path:
    """A scratch folder on the same file system as out_dir, so the final move is a rename."""
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold OUT's lock while writing into it; a second archgen gets a clear one-line error."""
    ensure_writable(out_dir)
    lock_path = out_dir / LOCK
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 (held open for the lock)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise ArchgenError(
                f"another archgen (process {holder}) is writing to this folder",
                file=out_dir,
                suggestion="wait until it has finished, or build into another folder with --out",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        remove_leftovers(out_dir)
        yield
    finally:
        handle.close()  # closing releases the lock


def remove_leftovers(out_dir: Path) -> None:
    """Undo what an interrupted or killed build left: staging folders and half-done swaps.

    Only call it holding the lock: then no other build is using any of these.
    A swap moves OUT/<id> to OUT/.<id>.old-<pid> and the staged folder into its
    place; if it stopped in between, the old folder goes back.
    """
    for path in sorted(out_dir.iterdir()):
        name = path.name
        if name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif name.startswith(".") and OLD_MARK in name and not name.startswith(".archgen"):
            target = out_dir / name[1:].rsplit(OLD_MARK, 1)[0]
            if target.exists() or target.is_symlink():
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            else:
                path.rename(target)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they arrive afterwards), for steps that must not split."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Generated files (text, or bytes as they are), by path relative to folder."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def read_manifest(folder: Path) -> dict[str, str] | None:
    """What archgen recorded it wrote into folder (path to sha256), or None."""
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def write_manifest(folder: Path) -> None:
    manifest = {name: _digest(data) for name, data in _files(folder).items()}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def check_not_edited(target: Path, force: bool) -> None:
    changed = user_changes(target)
    if changed and not force:
        shown = ", ".join(changed[:5]) + (
            f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        )
        raise ArchgenError(
            f"not replacing {target}: files changed or added since archgen wrote it: {shown}",
            suggestion="copy your edits elsewhere (or use `archgen new` for a project you own), "
            "or pass --force to replace them",
        )


def replace_folder(staged: Path, target: Path) -> None:
    """Move a complete staged folder into place; the old one goes only after the move."""
    write_manifest(staged)
    old = None
    with signals_held():
        if target.exists():
            old = target.with_name(f".{target.name}{OLD_MARK}{os.getpid()}")
            target.rename(old)
        staged.rename(target)
    if old is not None:
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()


def update_files(
    target: Path, files: dict[str, bytes | str], stage: tuple[str, ...], force: bool
) -> None:
    """Write one stage's files of an output folder (`archgen diagram`, `archgen synth`).

    A folder always describes one build: when its archgen.json (in files) differs,
    everything archgen wrote there before goes; otherwise only the files of this
    stage (paths starting with one of `stage`) that it no longer generates.
    """
    check_not_edited(target, force)
    if target.exists() and not target.is_dir():
        target.unlink()  # forced: a file stood where the folder goes
    target.mkdir(parents=True, exist_ok=True)
    info = target / "archgen.json"
    same_build = info.is_file() and info.read_text(encoding="utf-8") == files.get("archgen.json")
    for name in _files(target):
        if name not in files and (not same_build or name.startswith(stage)):
            (target / name).unlink()
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        if isinstance(content, str):
            tmp.write_text(content, encoding="utf-8")
        else:
            tmp.write_bytes(content)
        tmp.replace(path)
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    write_manifest(target)
