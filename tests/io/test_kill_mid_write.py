"""A SIGKILL while a large output is being written leaves the previous file, byte for byte.

The export runs as a user runs it (the command line, in its own process). The test
watches the output folder and kills the export the moment anything there is written:
a new entry (a temporary file) or any change to the target itself. An export that
writes straight into the target is thus caught with the target cut short; one that
writes a temporary file and renames it must leave the old file intact.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from tests.conftest import ROOT, STORY_MD

EPOCH = "1359331200"
ATTEMPTS = 6


def _export(target: Path, theme: str, cover: Path) -> list[str]:
    """The command line writing the wraparound cover: a large PDF (a noise image)."""
    return [
        sys.executable,
        "-m",
        "layout_studio",
        "export",
        str(STORY_MD),
        "--theme",
        theme,
        "--cover",
        str(cover),
        "--print-cover",
        str(target),
    ]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _state(folder: Path, target: Path) -> tuple[frozenset[str], tuple[int, int, int]]:
    """What a write changes: the folder's entries and the target's size, time and inode."""
    st = target.stat()
    return frozenset(os.listdir(folder)), (st.st_size, st.st_mtime_ns, st.st_ino)


def _kill_at_first_write(argv: list[str], folder: Path, target: Path, env: dict[str, str]) -> bool:
    """Run ``argv``; SIGKILL it as soon as it writes in ``folder``. True if it was killed."""
    before = _state(folder, target)
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    killed = False
    try:
        while proc.poll() is None:
            try:
                now = _state(folder, target)
            except FileNotFoundError:  # the target vanished: that is a write too
                now = (frozenset(), (-1, -1, -1))
            if now != before:
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
            time.sleep(0.0005)
    finally:
        proc.wait(timeout=120)
    return killed and proc.returncode == -signal.SIGKILL


def test_sigkill_during_the_write_of_a_large_output_keeps_the_old_file(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    cover = tmp_path / "bruit.png"
    noise = random.Random(7).randbytes(1800 * 2550 * 3)  # incompressible: a large PDF
    Image.frombytes("RGB", (1800, 2550), noise).save(cover)
    folder = tmp_path / "sortie"
    folder.mkdir()
    target = folder / "couverture.pdf"
    reference = tmp_path / "attendu.pdf"
    for argv in (_export(target, "classique", cover), _export(reference, "moderne", cover)):
        subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    old_bytes = target.read_bytes()
    old, new = _sha(target), _sha(reference)
    assert old != new
    assert reference.stat().st_size > 3_000_000  # large enough for its write to take time

    caught = []
    for _ in range(ATTEMPTS):
        killed = _kill_at_first_write(_export(target, "moderne", cover), folder, target, env)
        now = _sha(target) if target.exists() else "absent"
        if now == old:
            assert killed  # the export did start writing, and was stopped there
            caught.append(now)
            break
        # Anything but the whole new file means the kill damaged the target.
        assert now == new, "a kill during the write left the target neither old nor new"
        # The kill came after the rename: nothing was tested; put the old file back.
        target.write_bytes(old_bytes)
    assert caught, f"no kill landed during the write in {ATTEMPTS} tries"
    assert _sha(target) == old
