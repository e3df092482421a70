"""The contact sheet's thumbnails: drawn only when a contact sheet is asked for, and right."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw, ImageStat

from layout_studio.batch import runner
from layout_studio.batch.thumbnails import WIDTH, reduced, thumbnails
from layout_studio.export.cover import front_cover_page, load_cover
from layout_studio.export.job import prepare
from layout_studio.export.raster import rasterize
from tests.batch.conftest import write_entry


def _photo(path) -> None:
    """A print-size picture with detail everywhere (a flat colour would hide a bad crop)."""
    picture = Image.linear_gradient("L").resize((1800, 2550)).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for i in range(0, 1200, 150):
        draw.rectangle((i, i, i + 60, 2550 - i), fill=(200, 40 + i // 10, 90))
    draw.ellipse((300, 900, 1500, 2100), outline=(10, 120, 200), width=40)
    picture.save(path, quality=90)


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size
    return ImageStat.Stat(ImageChops.difference(a, b).convert("L")).mean[0]


def test_the_cover_thumbnail_from_the_reduced_picture_is_the_full_size_one(tmp_path):
    book = write_entry(tmp_path / "alice", theme="moderne", cover="cover.jpg")
    _photo(tmp_path / "alice" / "cover.jpg")
    prepared = prepare(book, outputs=False)
    image = load_cover(prepared.cover, prepared.theme)
    small = reduced(image, WIDTH * 2)
    assert (small.width_px, small.source) == (WIDTH * 2, image.source)
    assert abs(small.height_px / small.width_px - image.height_px / image.width_px) < 0.002
    drawn = Image.open(io.BytesIO(thumbnails(prepared, image)["cover"]))
    full = rasterize(
        front_cover_page(prepared.document, prepared.theme, image, prepared.byline), WIDTH
    )
    assert _mean_difference(drawn.convert("RGB"), full) < 4  # 0..255: resampling, not a shift


def test_thumbnails_only_for_a_contact_sheet(tmp_path):
    book = write_entry(tmp_path / "bruno", theme="poche", paragraphs=12)
    out = tmp_path / "out"
    without = runner.export_entry(str(book), str(out / "a"), ("pdf",), "a", False)
    assert without["status"] == "ok" and without["_thumbs"] == {}
    record = runner.export_entry(str(book), str(out / "b"), ("pdf",), "b", True)
    sizes = {k: Image.open(io.BytesIO(v)).size for k, v in record["_thumbs"].items()}
    assert set(sizes) == {"cover", "opening", "middle"}
    assert sizes["cover"][0] == WIDTH and sizes["opening"][0] == sizes["middle"][0] == WIDTH * 2 + 2


def test_the_command_draws_thumbnails_only_with_a_contact_sheet(tmp_path, monkeypatch):
    """``batch`` without ``--contact-sheet`` asks its workers for no pictures."""
    from layout_studio import cli
    from layout_studio.batch import contact_sheet

    seen = []

    def fake_run_batch(entries, **options):
        seen.append(options["pictures"])
        return runner.BatchResult()

    monkeypatch.setattr(runner, "run_batch", fake_run_batch)
    monkeypatch.setattr(runner, "find_entries", lambda paths, out: [])
    monkeypatch.setattr(contact_sheet, "write_contact_sheet", lambda entries, path: None)
    out = str(tmp_path / "out")
    assert cli.main(["batch", str(tmp_path), "--out", out]) == 0
    assert cli.main(["batch", str(tmp_path), "--out", out, "--contact-sheet", out + "/j.pdf"]) == 0
    assert seen == [False, True]
