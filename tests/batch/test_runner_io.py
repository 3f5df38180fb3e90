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
from sco_games.batch import cli as cli_module
from sco_games.batch.report_html import PLOTLY_JS

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


def test_a_full_disk_fails_in_one_line_leaves_no_temp_file_and_the_next_run_recovers(
        small_disk, small_scenario, tiny_notebook, cli):
    reports = small_disk.path / "reports"
    nbs = [tiny_notebook("tiny_ok", "a"), tiny_notebook("tiny_ok", "b")]
    # 1 MB cannot take plotly.js: the run stops before any notebook, in one line, and removes its temp file
    r = _run_cli(cli, small_scenario, nbs, reports)
    _assert_fails_in_one_line_each(r, 1, "No space left on device", "plotly.min.js")
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert _leftovers(reports) == [] and small_disk.used() < 256 * 1024  # not the 1 MB of a partial copy
    small_disk.remount("size=64m")
    r = _run_cli(cli, small_scenario, nbs, reports)  # space freed: the next run recovers
    assert r.returncode == 0, r.stderr
    good = _files(reports / "small")
    index = (reports / "index.html").read_bytes()
    # the disk fills up: every pair fails in one line, the earlier reports and index stay as they were
    small_disk.fill()
    r = _run_cli(cli, small_scenario, nbs, reports, "--force")
    lines = _assert_fails_in_one_line_each(r, 3, "No space left on device")
    assert sorted(ln.split(":")[0] for ln in lines) == ["FAILED small / a", "FAILED small / b", "sco-games"]
    now = _files(reports / "small")
    assert {k: now[k] for k in good} == good
    assert (reports / "index.html").read_bytes() == index
    assert _leftovers(reports) == []
    small_disk.unfill()
    r = _run_cli(cli, small_scenario, nbs, reports, "--force")
    assert r.returncode == 0 and "2 ran ok" in r.stderr, r.stderr
    assert not (reports / "small" / "a.failed.ipynb").exists() and _leftovers(reports) == []


def test_a_read_only_reports_folder_fails_in_one_line_and_the_next_run_recovers(
        request, tmp_path, small_scenario, tiny_notebook, cli):
    nbs = [tiny_notebook("tiny_ok", "a")]
    if os.geteuid() == 0:  # file modes do not stop root: a file system mounted read-only does
        disk = request.getfixturevalue("small_disk")
        disk.remount("size=64m")
        reports = disk.path / "reports"

        def read_only(on: bool) -> None:
            disk.remount("ro" if on else "rw")

        expected = "Read-only file system"
    else:
        reports = tmp_path / "reports"

        def read_only(on: bool) -> None:
            for d in [reports, *(p for p in reports.rglob("*") if p.is_dir())]:
                mode = d.stat().st_mode
                d.chmod(mode & ~0o222 if on else mode | stat.S_IWUSR)

        expected = "Permission denied"
    assert _run_cli(cli, small_scenario, nbs, reports).returncode == 0
    good = _files(reports)
    read_only(True)
    try:
        r = _run_cli(cli, small_scenario, nbs, reports, "--force")
    finally:
        read_only(False)
    _assert_fails_in_one_line_each(r, 1, expected, str(reports))
    assert _files(reports) == good and _leftovers(reports) == []
    r = _run_cli(cli, small_scenario, nbs, reports, "--force")
    assert r.returncode == 0 and "1 ran ok" in r.stderr, r.stderr


@pytest.mark.parametrize("in_the_way, n_lines", [
    ("reports", 1),  # the reports folder itself
    ("reports/assets", 1),  # the folder of plotly.js
    ("reports/.work", 1),  # the run's work folder
    ("reports/small", 2),  # a scenario's folder: its pairs fail (one line each), the index is rebuilt
])
def test_a_file_where_a_folder_should_be_fails_in_one_line(
        tmp_path, small_scenario, tiny_notebook, cli, in_the_way, n_lines):
    reports = tmp_path / "reports"
    nbs = [tiny_notebook("tiny_ok", "a"), tiny_notebook("tiny_ok", "b")]
    obstacle = tmp_path / in_the_way
    obstacle.parent.mkdir(parents=True, exist_ok=True)
    obstacle.write_text("a file, not a folder\n")
    r = _run_cli(cli, small_scenario, nbs, reports)
    lines = _assert_fails_in_one_line_each(r, n_lines)
    assert any(str(obstacle) in ln for ln in lines), r.stderr
    assert obstacle.read_text() == "a file, not a folder\n"  # never removed or overwritten
    assert _leftovers(reports, keep=obstacle) == []
    obstacle.unlink()
    r = _run_cli(cli, small_scenario, nbs, reports)
    assert r.returncode == 0 and "2 ran ok" in r.stderr, r.stderr


@pytest.mark.parametrize("denied, named", [("index.html", "index.html"), (".a.stamp.json", "reports/small"),
                                           ("plotly.min.js", "plotly.min.js")])
def test_a_denied_write_in_the_main_process_fails_in_one_line(tmp_path, small_scenario, tiny_notebook, capsys,
                                                              monkeypatch, denied, named):
    reports = tmp_path / "reports"
    args = ["run", "-s", str(small_scenario), "-n", str(tiny_notebook("tiny_ok", "a")),
            "--reports", str(reports), "-j", "1", "--no-progress"]
    assert cli_module.main(args) == 0
    (reports / PLOTLY_JS).write_bytes(b"// an older plotly.js\n")  # so that the run copies it again
    before = _files(reports)
    capsys.readouterr()
    real_replace = os.replace

    def replace(src, dst, *a, **kw):
        if Path(dst).name == denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(sidecar.os, "replace", replace)
    assert cli_module.main(args + ["--force"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = _error_lines(err)
    assert len(lines) == 1 and "Permission denied" in lines[0] and named in lines[0], err
    now = _files(reports)
    for name in (f"small/{denied}", denied, f"assets/{denied}"):
        assert now.get(name) == before.get(name)  # the file that could not be replaced is intact
    assert _leftovers(reports) == []
    monkeypatch.setattr(sidecar.os, "replace", real_replace)
    assert cli_module.main(args + ["--force"]) == 0
    assert (reports / PLOTLY_JS).stat().st_size > 1_000_000


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


def test_an_unreadable_notebook_fails_in_one_line(tmp_path, small_scenario, tiny_notebook, capsys,
                                                  monkeypatch):
    from sco_games.batch import runner_stamps

    nb = tiny_notebook("tiny_ok", "a")
    real = runner_stamps._sha256_file

    def sha256(path):
        if Path(path) == nb:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(runner_stamps, "_sha256_file", sha256)  # (root reads any file whatever its mode)
    reports = tmp_path / "reports"
    assert cli_module.main(["run", "-s", str(small_scenario), "-n", str(nb), "--reports", str(reports),
                            "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"sco-games: error: cannot read the notebooks and scenarios: Permission denied: {nb}"]
    assert _leftovers(reports) == []
