"""framing.plots.save: figure and table files, provenance sidecars, byte-identical output."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from framing import plots

PROVENANCE = {
    "framing_version": "0.1.0",
    "detectors": {"loaded": "framing.loaded.v1", "attribution": "framing.attribution.v1"},
    "lexicons": [
        {"label": "loaded_terms@1.0.0", "name": "loaded_terms", "version": "1.0.0"},
        "cues@1.0.0",
    ],
    "corpus_fingerprint": "sha256:" + "0" * 64,
    "created_at": "2026-03-04T00:00:00+00:00",
    "parameters": {"n_boot": 200, "seed": 1},
}
SIDECAR_KEYS = {
    "framing_version",
    "detectors",
    "lexicons",
    "corpus_fingerprint",
    "parameters",
    "created",
}


def test_save_figure_writes_four_files_with_provenance(tmp_path, frames):
    fig = plots.loaded_rate_figure(frames.rates())
    paths = plots.save_figure(fig, tmp_path / "x" / "rate", PROVENANCE)
    names = sorted(p.name for p in paths.values())
    assert names == ["rate.json", "rate.pdf", "rate.png", "rate.svg"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths.values())
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    assert paths["png"].read_bytes().startswith(b"\x89PNG")
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record.keys() >= SIDECAR_KEYS
    assert record["detectors"] == ["framing.attribution.v1", "framing.loaded.v1"]
    assert {"name": "cues", "version": "1.0.0"} in record["lexicons"]
    assert record["lexicons"][0]["name"] == "loaded_terms"
    assert record["parameters"] == {"n_boot": 200, "seed": 1}
    assert record["created"] == "2026-03-04T00:00:00+00:00"
    for fmt in ("pdf", "svg", "png"):
        digest = "sha256:" + hashlib.sha256(paths[fmt].read_bytes()).hexdigest()
        assert record["files"][fmt]["sha256"] == digest
    from PIL import Image

    with Image.open(paths["png"]) as image:
        assert round(image.info["dpi"][0]) == 300


def test_sidecar_fills_version_and_date_when_missing(tmp_path, frames):
    paths = plots.save_figure(plots.loaded_rate_figure(frames.rates()), tmp_path / "rate")
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record.keys() >= SIDECAR_KEYS
    assert record["framing_version"]
    assert record["created"].startswith("20")


def test_same_inputs_give_identical_files(figure_name, make_figure, tmp_path):
    name = figure_name
    first = plots.save_figure(make_figure(name), tmp_path / "a" / name, PROVENANCE)
    second = plots.save_figure(make_figure(name), tmp_path / "b" / name, PROVENANCE)
    for fmt in ("png", "pdf", "svg"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt
    svg = first["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert b"/CreationDate" not in first["pdf"].read_bytes()


def test_save_table_writes_csv_latex_and_sidecar(tmp_path):
    table = pd.DataFrame({"outlet": ["A & B", "50% $Post_x$"], "rate": [1.23456, float("nan")]})
    paths = plots.save_table(table, tmp_path / "rates", PROVENANCE, caption="Rates")
    assert sorted(p.name for p in paths.values()) == ["rates.csv", "rates.json", "rates.tex"]
    back = pd.read_csv(paths["csv"])
    assert back["outlet"].tolist() == ["A & B", "50% $Post_x$"]
    assert back["rate"].iloc[0] == pytest.approx(1.23456)
    tex = paths["tex"].read_text(encoding="utf-8")
    header = [line for line in tex.splitlines() if line.startswith("%")]
    assert any("sha256:" + "0" * 64 in line for line in header)
    assert any("loaded_terms@1.0.0" in line for line in header)
    assert r"A \& B" in tex and r"50\% \$Post\_x\$" in tex
    assert "1.235" in tex
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record.keys() >= SIDECAR_KEYS
    assert record["rows"] == 2 and record["columns"] == ["outlet", "rate"]
    assert record["kind"] == "table"


def test_the_png_is_measured_on_a_one_pixel_renderer_with_the_same_bytes(
    figure_name, make_figure, tmp_path, monkeypatch
):
    """Every report figure: the PNG saved with matplotlib's own canvas and with the canvas
    that measures the figure's tight box on a 1x1 renderer has the same bytes. The measuring
    pass does get the 1x1 renderer, and the real drawing a full-size one."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from framing.plots import drawing

    sizes: list[tuple[int, int]] = []
    measuring = drawing._measuring_canvas()

    class Spy(measuring):  # type: ignore[misc, valid-type]
        def get_renderer(self):
            renderer = super().get_renderer()
            sizes.append((renderer.width, renderer.height))
            return renderer

    monkeypatch.setattr(drawing, "_measuring_canvas", lambda: Spy)
    ours = plots.save_figure(make_figure(figure_name), tmp_path / "a" / figure_name, PROVENANCE)
    assert sizes[0] == (1, 1)
    assert min(sizes[1:]) > (100, 100)
    fig = make_figure(figure_name)
    canvas = fig.canvas
    monkeypatch.setattr(drawing, "_measuring_canvas", lambda: FigureCanvasAgg)
    plain = plots.save_figure(fig, tmp_path / "b" / figure_name, PROVENANCE)
    assert ours["png"].read_bytes() == plain["png"].read_bytes()
    assert fig.canvas is canvas  # the figure's own canvas, after the PNG


def test_a_figure_too_large_for_its_png_is_written_at_a_lower_resolution(tmp_path):
    # A figure with a row per outlet grows with the outlets: 300 outlets' distinctive terms
    # were an 89,000-pixel-tall PNG, a 1 GB image to draw.
    from matplotlib.figure import Figure
    from PIL import Image

    from framing.plots.save import MAX_PNG_PIXELS, png_dpi

    tall = Figure(figsize=(4.0, 160.0), layout="constrained")
    tall.add_subplot().plot([0, 1], [0, 1])
    paths = plots.save_figure(tall, tmp_path / "tall")
    dpi = png_dpi(tall, 300)
    assert dpi < 300
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record["dpi"] == dpi
    with Image.open(paths["png"]) as png:
        width, height = png.size
    assert width * height <= 1.05 * MAX_PNG_PIXELS  # (the tight box's padding)
    assert height >= 0.9 * 160.0 * dpi  # the whole figure, at the lower resolution

    usual = Figure(figsize=(7.2, 12.0), layout="constrained")
    usual.add_subplot().plot([0, 1], [0, 1])
    paths = plots.save_figure(usual, tmp_path / "usual")
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["dpi"] == 300
    with Image.open(paths["png"]) as png:
        assert png.size[1] >= 0.9 * 12.0 * 300
