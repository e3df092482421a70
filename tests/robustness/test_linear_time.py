"""Every regular expression applied to user text runs in linear time.

Two levels. The unit level times each compiled pattern of the modules that
read user text on long runs of one motif (``finditer``, as the rules do) at
n and 10n characters: a linear pattern takes about 10 times longer, a
quadratic one about 100 times. The pipeline level writes hostile sources (a
long run of "/", a long title, a long word, runs of dots, digits, colons,
URL-like strings...) and runs the real reading, typography and typesetting
in a subprocess that must end well within a generous deadline; where the
input grows, the subprocess measures its own CPU time on n and 5n
characters, and 5n may cost 5 times more, not 25 (CPU time, not wall time:
a busy machine does not change it). Every fixture is made here, at test time.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

MODULES = [
    "layout_studio.text.typography.fr",
    "layout_studio.text.typography.engine",
    "layout_studio.layout.inline",
    "layout_studio.text.hyphenate",
    "layout_studio.sources.plaintext",
    "layout_studio.sources.credits",
    "layout_studio.sources.paragraphs",
    "layout_studio.sources.markdown",
    "layout_studio.sources.writer",
    "layout_studio.export.epub.xhtml",
    "layout_studio.session",
    "layout_studio.style.units",
    "layout_studio.messages",
]

# Motifs repeated into long runs: every character class the patterns care about,
# and the prefixes that start a match (URLs, e-mails, credits, emoticons...).
MOTIFS = [
    "/", "a", ".", " ", "1", ":", "(", ")", '"', "'", "«", "»", "\u00a0", "\u202f", "-", "#",
    "@", "[", "]", "{", "}", "*", "_", "a.", "1.", "1:", "a:", "a ", "a@", "@a", "a-", "#-",
    "http://", "www.", "http://a.,;", ":-)", "1 000", "[a]{.credit", "(a) ", "a'", ". ",
    "., ", " ,", "\u00a0;", "?!", "oe", "1er ", "M. ", "p. ", "a/", "a,", "\x1b[", "\\",
]  # fmt: skip

SMALL, LARGE = 2_000, 20_000


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{name.rsplit('.', 1)[-1]}.{attr}", value))
    return found


def _time(pattern: re.Pattern[str], text: str) -> float:
    """CPU time, not wall time: other processes on a busy machine do not count."""
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        for _match in pattern.finditer(text):
            pass
        best = min(best, time.process_time() - start)
    return best


def test_patterns_are_found():
    names = {n for n, _ in _patterns()}
    assert {"fr._PROTECT", "inline._EDGE", "session._CREDIT", "fr._HIGH_SIGN"} <= names


@pytest.mark.parametrize("name,pattern", _patterns(), ids=[n for n, _ in _patterns()])
def test_each_pattern_is_linear(name, pattern):
    """Ten times the text may cost ten times the time, not a hundred."""
    slow = []
    for motif in MOTIFS:
        for text_of in (
            lambda n, m=motif: m * (n // len(m)),
            lambda n, m=motif: f"x{m * (n // len(m))}x",
        ):
            small = _time(pattern, text_of(SMALL))
            large = _time(pattern, text_of(LARGE))
            if large > 0.01 and large / max(small, 1e-4) > 40:
                # Timing noise on a busy machine: measure once more before blaming.
                small = _time(pattern, text_of(SMALL))
                large = _time(pattern, text_of(LARGE))
                if large > 0.01 and large / max(small, 1e-4) > 40:
                    slow.append(f"{motif!r}: {small:.4f}s → {large:.4f}s")
    assert not slow, f"{name} is not linear on: {slow}"


# ---- the real pipeline -------------------------------------------------------------

KB = 1000
DEADLINE = 60.0  # seconds; linear code needs a few, quadratic code hours

FAMILIES: dict[str, Callable[[int], str]] = {
    "slashes": lambda n: "Début " + "/" * n + " fin.",
    "long-word": lambda n: "Début " + "a" * n + " fin.",
    "dots": lambda n: "Début " + "." * n + " fin.",
    "spaces": lambda n: "Début" + " " * n + "fin ;",
    "nbsp": lambda n: "Début" + "\u00a0" * n + "fin",
    "digits": lambda n: "Début " + "1" * n + " fin.",
    "colons": lambda n: "Début " + ":" * n + "fin.",
    "signs": lambda n: "Début " + "?!" * (n // 2) + "fin.",
    "url": lambda n: "Voir http://a" + ".,;" * (n // 3) + " fin.",
    "www": lambda n: "Voir www." + "a." * (n // 2) + "<",
    "email-like": lambda n: "Écrire à " + "a." * (n // 2) + "fin.",
    "hashtag": lambda n: "Tag #" + "-" * n + " fin.",
    "parentheses": lambda n: "Début " + "(" * n + " fin.",
    "credits": lambda n: "Début " + "(Al) " * (n // 5) + "fin.",
    "quotes": lambda n: "Début " + '"a" ' * (n // 4) + "fin.",
    "guillemets": lambda n: "Début " + "« " * (n // 2) + "fin.",
    "brackets": lambda n: "Début " + "[" * n + " fin.",
    "fake-credits": lambda n: "Début " + "[a]{.credit" * (n // 11) + " fin.",
    "emoticons": lambda n: "Début " + ":-)" * (n // 3) + " fin.",
    "ligatures": lambda n: "Début " + "oe" * (n // 2) + " fin.",
    "ordinals": lambda n: "Début " + "1er " * (n // 4) + "fin.",
    "grouped": lambda n: "Début 1" + " 000" * (n // 4) + " fin.",
}

# Run in a fresh interpreter, so a hang is killed by the deadline and memory is freed.
_WORKER = """
import sys
from pathlib import Path
from layout_studio.errors import LayoutStudioError
from layout_studio.layout.typeset import typeset
from layout_studio.sources import load_source
from layout_studio.style.theme import DEFAULT_THEME, load_theme
from layout_studio.text.typography import apply_typography
path, stage = Path(sys.argv[1]), sys.argv[2]
try:
    document = load_source(path).document
    corrected = apply_typography(document).document
    if stage == "typeset":
        book = typeset(corrected, load_theme(DEFAULT_THEME))
        print("pages", len(book.pages))
except LayoutStudioError as exc:
    print("refused", exc.one_line())
print("done")
"""


def _run(path: Path, stage: str, deadline: float = DEADLINE) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _WORKER, str(path), stage],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=deadline,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name} ({stage}) did not finish in {deadline:.0f} s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.rstrip().endswith("done"), done.stdout[-500:]
    return done


def _write(tmp_path: Path, name: str, text: str, suffix: str) -> Path:
    path = tmp_path / f"{name}{suffix}"
    path.write_text(text + "\n", encoding="utf-8")
    return path


# Growth of the pipeline's cost: n and 5n characters, each timed by the subprocess itself.
GROWTH = 5
SMALL_INPUT = 50 * KB
MAX_RATIO = 2 * GROWTH  # linear code: about 5; quadratic: about 25
NOISE_FLOOR = 0.25  # s of CPU for 5n: too fast to tell anything (and to matter)

# Same chain as _WORKER, run on each file in turn; after a warm-up file (lazy imports,
# dictionaries), prints each file's own CPU time.
_TIMED_WORKER = """
import sys
import time
from pathlib import Path
from layout_studio.errors import LayoutStudioError
from layout_studio.layout.typeset import typeset
from layout_studio.sources import load_source
from layout_studio.style.theme import DEFAULT_THEME, load_theme
from layout_studio.text.typography import apply_typography
stage = sys.argv[1]
for name in sys.argv[2:]:
    start = time.process_time()
    try:
        document = load_source(Path(name)).document
        corrected = apply_typography(document).document
        if stage == "typeset":
            book = typeset(corrected, load_theme(DEFAULT_THEME))
            print("pages", len(book.pages))
    except LayoutStudioError as exc:
        print("refused", exc.one_line())
    print("cpu", time.process_time() - start)
print("done")
"""


def _cpu_times(paths: list[Path], stage: str) -> tuple[list[float], str]:
    """Each file's CPU time through the chain, in one fresh interpreter; and its output."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _TIMED_WORKER, stage, *map(str, paths)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=DEADLINE,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{paths[-1].name} ({stage}) did not finish in {DEADLINE:.0f} s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.rstrip().endswith("done"), done.stdout[-500:]
    times = [float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("cpu ")]
    assert len(times) == len(paths), done.stdout[-500:]
    return times, done.stdout


def _growth_files(tmp_path: Path, name: str, make: Callable[[int], str], suffix: str) -> list[Path]:
    """A warm-up file (lazy imports, dictionaries), then n and 5n characters of ``make``."""
    sizes = {"warm": SMALL_INPUT // 10, "n": SMALL_INPUT, "5n": GROWTH * SMALL_INPUT}
    return [_write(tmp_path, f"{name}-{k}", make(v), suffix) for k, v in sizes.items()]


def _assert_linear(what: str, measure: Callable[[], tuple[float, float]]) -> None:
    """``measure()`` gives the CPU time on n and 5n characters: 5n may not cost 25 times n."""
    small, large = measure()
    if large > NOISE_FLOOR and large / max(small, 0.01) > MAX_RATIO:
        small, large = measure()  # a hiccup (page cache, GC): measure once more before blaming
    assert large <= NOISE_FLOOR or large / max(small, 0.01) <= MAX_RATIO, (
        f"{what}: {small:.2f} s of CPU for n = {SMALL_INPUT} characters, {large:.2f} s for "
        f"{GROWTH}n: not linear"
    )


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_typography_ends_on_hostile_text(tmp_path, family, suffix):
    """Reading and correcting a hostile plain text or Markdown source ends, in linear time."""
    make = FAMILIES[family]
    paths = _growth_files(tmp_path, family, lambda n: make(n) + " (Alice)", suffix)

    def measure() -> tuple[float, float]:
        _, small, large = _cpu_times(paths, "typography")[0]
        return small, large

    _assert_linear(f"{family}{suffix}", measure)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_typesetting_ends_on_hostile_text(tmp_path, family):
    """The whole chain to typeset pages ends on 100 KB of each family."""
    done = _run(_write(tmp_path, family, FAMILIES[family](100 * KB), ".md"), "typeset")
    assert "pages" in done.stdout or "refused" in done.stdout


@pytest.mark.parametrize("family", ["slashes", "long-word", "url"])
def test_typesetting_ends_on_a_megabyte_word(tmp_path, family):
    """One huge word (a run of "/", letters, a URL) is cut and set, in linear time.

    A megabyte word took 10 to 13 s here; n and 5n characters show the same property
    (a quadratic cut would cost 25 times more for 5n) in a fraction of that.
    """
    paths = _growth_files(tmp_path, family, FAMILIES[family], ".md")

    def measure() -> tuple[float, float]:
        (_, small, large), out = _cpu_times(paths, "typeset")
        assert out.count("pages ") == len(paths), out[-500:]  # set, not refused
        return small, large

    _assert_linear(f"{family} (typeset)", measure)


@pytest.mark.parametrize("size", [100 * KB, 1000 * KB], ids=["100KB", "1MB"])
@pytest.mark.parametrize("motif", ["a", "/", ":", "1", ".", "http://a.,;"])
def test_long_title_refused_at_once(tmp_path, motif, size):
    """A title of 100 KB or 1 MB is refused in one line (it would be set on many pages)."""
    title = motif * (size // len(motif))
    text = f"---\ntitle: '{title}'\n---\n\nUn paragraphe. (Alice)\n"
    done = _run(_write(tmp_path, "titre", text, ".md"), "typeset")
    # Over 64 KiB the front matter itself is refused by size before any title check.
    assert "refused" in done.stdout and (
        "clé « title » : texte trop long" in done.stdout or "en-tête YAML trop gros" in done.stdout
    )


@pytest.mark.parametrize("motif", ["a", "/", ":", "1", ".", "http://a.,;", "?!", '"a" '])
def test_longest_title_is_set(tmp_path, motif):
    """A title at the limit goes through typography and typesetting."""
    from layout_studio.sources.metadata_values import MAX_TITLE

    title = (motif * MAX_TITLE)[:MAX_TITLE].replace("'", "’")
    text = f"---\ntitle: '{title}'\n---\n\nUn paragraphe. (Alice)\n"
    done = _run(_write(tmp_path, "titre", text, ".md"), "typeset")
    assert "pages" in done.stdout


_TITLE_WORKER = """
import sys
import time
from layout_studio.text.typography import apply_to_text
motif = sys.argv[1]
for size in sys.argv[2:]:
    title = motif * (int(size) // len(motif))
    start = time.process_time()
    apply_to_text(title)
    print("cpu", time.process_time() - start)
print("done")
"""


@pytest.mark.parametrize("motif", ["a", "/", ":", "1", ".", "http://a.,;", "?!", "a@"])
def test_title_typography_ends(motif):
    """The typography a title goes through (apply_to_text) ends, in linear time, on each motif."""
    sizes = [SMALL_INPUT // 10, SMALL_INPUT, GROWTH * SMALL_INPUT]  # warm-up, n, 5n

    def measure() -> tuple[float, float]:
        try:
            done = subprocess.run(
                [sys.executable, "-c", _TITLE_WORKER, motif, *map(str, sizes)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=DEADLINE,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"title typography on {motif!r} did not finish in {DEADLINE:.0f} s")
        assert done.returncode == 0 and done.stdout.endswith("done\n"), done.stderr[-2000:]
        _, small, large = (float(x.split()[1]) for x in done.stdout.splitlines()[:-1])
        return small, large

    _assert_linear(f"title {motif!r}", measure)
