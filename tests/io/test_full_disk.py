"""A full disk or a file-size limit mid-write: one clear line, the old file kept, no debris."""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
import subprocess
import sys

import pytest

from layout_studio.errors import LayoutStudioError
from layout_studio.export.job import run_export
from layout_studio.io import atomic
from tests.conftest import ROOT, STORY_MD


class _FullDisk(io.FileIO):
    """A file that takes 4 KB, then fails as a full disk does."""

    room = 4096

    def write(self, data):  # type: ignore[override]
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


@pytest.mark.parametrize("kind", ["pdf", "epub"])
def test_full_disk_keeps_the_previous_file(tmp_path, monkeypatch, kind):
    target = tmp_path / f"livre.{kind}"
    target.write_bytes(b"previous version")
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        if "w" in mode:
            return io.BufferedWriter(_FullDisk(fd, "w", closefd=True))
        return real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    with pytest.raises(LayoutStudioError) as info:
        run_export(STORY_MD, **{kind: target})
    line = info.value.one_line()
    assert str(target) in line and "disque plein" in line and "\n" not in line
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no .part left


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
def test_cli_hitting_a_real_write_limit_reports_one_line(tmp_path):
    target = tmp_path / "livre.pdf"
    target.write_bytes(b"previous version")
    done = subprocess.run(
        [sys.executable, "-m", "layout_studio", "export", str(STORY_MD), "--pdf", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_file_size,  # the kernel itself refuses the write past 50 KB
    )
    assert done.returncode == 1
    lines = [ln for ln in done.stderr.splitlines() if "erreur" in ln]
    assert len(lines) == 1 and str(target) in lines[0] and "trop gros" in lines[0]
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
