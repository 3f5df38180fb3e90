"""I/O failures of a run: a full disk, a read-only folder, permission denied, a file where a folder
should be. Each ends the run (or fails the pairs it hits) with one clear line and exit code 1, leaves no
temporary file, keeps the earlier reports, and the next run, once the cause is gone, recovers.

The full disk is real (a tmpfs of 1 MB, which needs root: skipped otherwise), and so is the read-only
folder (that tmpfs remounted read-only as root, where file modes do not stop writes; ``chmod`` otherwise);
a denied write in the main process is injected.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest

from sco_games import sidecar

GUARD = 300.0  # failure guard for a whole CLI run (never a wait)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(reports: Path, keep: Path | None = None) -> list[str]:
    """Temporary files and work folders left under ``reports`` (the lock file is meant to stay)."""
    if not reports.is_dir():
        return []
    return sorted(str(p.relative_to(reports)) for p in reports.rglob("*")
                  if p != keep and (p.name.endswith(".tmp") or ".work" in p.relative_to(reports).parts))


def _run_cli(cli, scenario: Path, notebooks: list[Path], reports: Path, *extra: str):
    args = cli + ["run", "-s", str(scenario), "--reports", str(reports), "-j", "1", "--no-progress", *extra]
    for nb in notebooks:
        args += ["-n", str(nb)]
    return subprocess.run(args, capture_output=True, text=True, timeout=GUARD)


def _error_lines(stderr: str) -> list[str]:
    """The lines that report failures: a run's error, or one ``FAILED`` line per failed pair."""
    return [ln for ln in stderr.splitlines() if ln.startswith(("sco-games: error:", "FAILED "))]


def _assert_fails_in_one_line_each(r, n_lines: int, *expected: str) -> list[str]:
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr + r.stdout and "worker crashed" not in r.stderr, r.stderr
    lines = _error_lines(r.stderr)
    assert len(lines) == n_lines, r.stderr
    for ln in lines:
        assert all(x in ln for x in expected), (ln, expected)
    return lines


class SmallDisk:
    """A tmpfs mounted at ``path``; ``remount("size=64m")``, ``remount("ro")``; ``fill()`` / ``unfill()``."""

    def __init__(self, path: Path):
        self.path = path
        self.filler = path / "filler"

    def remount(self, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(self.path)], check=True, capture_output=True)

    def fill(self) -> None:
        """Take every free byte (so that any further write gets ENOSPC)."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            chunk = b"\0" * 65536
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as e:
                    assert e.errno == errno.ENOSPC, e
                    if len(chunk) == 1:
                        break
                    chunk = chunk[: len(chunk) // 2]
        finally:
            os.close(fd)
        with pytest.raises(OSError) as exc:
            (self.path / "probe").write_bytes(b"x" * 4096)
        assert exc.value.errno == errno.ENOSPC
        (self.path / "probe").unlink(missing_ok=True)

    def unfill(self) -> None:
        self.filler.unlink()

    def used(self) -> int:
        st = os.statvfs(self.path)
        return (st.f_blocks - st.f_bfree) * st.f_frsize


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs (too small for plotly.js, 4.6 MB) at ``<tmp>/disk``; needs root (mount)."""
    if os.geteuid() != 0:
        pytest.skip("a small tmpfs (a real full disk) needs root to mount; the other I/O tests still run")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mnt)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.strip() or r.returncode}): no real full disk")
    try:
        yield SmallDisk(mnt)
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("write", ["text", "copy"])
@pytest.mark.parametrize("fails", ["fsync", "replace"])
def test_atomic_writes_remove_their_temp_file_on_any_failure(tmp_path, monkeypatch, write, fails):
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    target.write_text("the earlier page")
    src = tmp_path / "src.js"
    src.write_bytes(b"x" * 300_000)

    def no_space(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sidecar.os, fails, no_space)
    fds = _open_fds()
    with pytest.raises(OSError) as exc:
        if write == "text":
            sidecar.atomic_write_text(target, "the new page")
        else:
            sidecar.atomic_copy_file(src, target)
    monkeypatch.undo()
    assert exc.value.errno == errno.ENOSPC
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]  # no temp file
    assert target.read_text() == "the earlier page" and _open_fds() == fds


@pytest.mark.parametrize("write", ["text", "copy"])
def test_atomic_writes_on_a_full_disk_leave_the_old_file_and_no_temp_file(small_disk, tmp_path, write):
    target = small_disk.path / "page.html"
    target.write_text("the earlier page")
    src = tmp_path / "src.js"
    src.write_bytes(b"x" * 2_000_000)  # twice the disk
    fds = _open_fds()
    with pytest.raises(OSError) as exc:
        if write == "text":
            sidecar.atomic_write_text(target, src.read_text())
        else:
            sidecar.atomic_copy_file(src, target)
    assert exc.value.errno == errno.ENOSPC
    assert sorted(p.name for p in small_disk.path.iterdir()) == ["page.html"]
    assert target.read_text() == "the earlier page" and _open_fds() == fds
    assert small_disk.used() < 64 * 1024


def test_atomic_copy_file_copies_with_the_usual_mode(tmp_path):
    src = tmp_path / "src.js"
    src.write_bytes(bytes(range(256)) * 5000)
    dst = tmp_path / "assets" / "x.js"
    sidecar.atomic_copy_file(src, dst)
    assert dst.read_bytes() == src.read_bytes() and [p.name for p in dst.parent.iterdir()] == ["x.js"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(dst.stat().st_mode) == 0o666 & ~umask
