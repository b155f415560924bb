"""Hardening of whole report runs on a corpus with markup, script URLs and path tricks in every
field: hostile names stay text, nothing is written elsewhere, determinism, provenance, recovery
from a failed and a killed run (each run starts a kernel; ~40 s for this file)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import random
import re
import shutil
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from support import NOTEBOOK, TINY, assert_inert_svg

import framing
from framing import cli, report
from framing.report import sections
from framing.report.folders import SOCKETS_PREFIX

FAST = ["-p", "min_articles", "2", "-p", "n_boot", "200"]
OUTLET_SCRIPT = "<script>alert(1)</script> Courier"
OUTLET_URL = "javascript:alert(2)"
OUTLET_PATH = "../../outside/Sentinel"
EVENT_IMG = "<img src=x onerror=alert(3)>"
#: Polls of 0.05 s for the run to be killed to get half-way.
MAX_POLLS = 4800


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    """The tiny corpus with markup, script URLs and path tricks in every field."""
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    folder.mkdir()
    for path in sorted(TINY.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, body = text.split("\n---\n", 1)
        head = (
            head.replace("outlet: Valley Courier", f"outlet: {OUTLET_SCRIPT}")
            .replace("outlet: Metro Ledger", f"outlet: {OUTLET_URL}")
            .replace("outlet: The Harbor Sentinel", f"outlet: {OUTLET_PATH}")
            .replace("event: e01-port-strike", f"event: {EVENT_IMG}")
            .replace("url: https://example.org", "url: javascript:alert(4)//")
            .replace("id: ledger-e01", "id: ../../../escape-id")
        )
        head = re.sub(r"\ntitle: (.*)", r'\ntitle: <a href="javascript:alert(5)">\1</a>', head)
        body = '<script>alert(6)</script> <img src=x onerror="alert(7)"> ' + body
        (folder / path.name).write_text(f"{head}\n---\n{body}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_report(hostile_corpus) -> Path:
    out = hostile_corpus.parent / "report"
    assert cli.main(["report", str(hostile_corpus), "--out", str(out), *FAST]) == 0
    return out


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.slow
def test_report_html_shows_hostile_data_as_text_and_loads_nothing(hostile_report):
    page = (hostile_report / "report.html").read_text(encoding="utf-8")
    assert report.offline_problems(page) == []
    parsed = _Elements()
    parsed.feed(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "iframe", "object", "embed", "form", "a", "base", "link"}, tags
    images = [attributes for tag, attributes in parsed.tags if tag == "img"]
    pngs = sorted((hostile_report / "figures").glob("*.png"))
    assert len(pngs) >= 10 and len(images) == len(pngs)  # every figure, embedded
    assert all(str(a.get("src")).startswith("data:image/png;base64,") for a in images)
    for tag, attributes in parsed.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("src", "href", "action", "srcset", "poster"):
            value = attributes.get(name)
            assert value is None or value.startswith(("#", "data:image/png;base64,")), value
    text = "".join(parsed.text)
    assert OUTLET_SCRIPT in text and OUTLET_URL in text and OUTLET_PATH in text  # as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Courier" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)


@pytest.mark.slow
def test_report_figures_and_tables_keep_hostile_names_inert(hostile_report):
    for svg in sorted((hostile_report / "figures").glob("*.svg")):
        assert_inert_svg(svg.read_text(encoding="utf-8"))
    events = pd.read_csv(hostile_report / "tables" / "event_rates.csv")
    assert EVENT_IMG in set(events["event"])
    rates = pd.read_csv(hostile_report / "tables" / "loaded_rates.csv")
    assert {OUTLET_SCRIPT, OUTLET_URL, OUTLET_PATH} == set(rates["outlet"])
    tex = (hostile_report / "tables" / "loaded_rates.tex").read_text(encoding="utf-8")
    assert r"<script>alert(1)</script> Courier" in tex  # LaTeX has no markup to escape
    assert r"javascript:alert(2)" in tex


@pytest.mark.slow
def test_names_from_the_corpus_never_become_paths(hostile_report):
    root = hostile_report.parent
    assert sorted(p.name for p in root.iterdir()) == ["corpus", "report"]
    # Where "../../outside/Sentinel" or "../../../escape-id" would land if used as a path:
    around = [p.name for folder in (root.parent, root.parent.parent) for p in folder.iterdir()]
    assert not [name for name in around if name in ("outside", "escape-id")]
    written = {p.relative_to(hostile_report).parts[0] for p in hostile_report.rglob("*")}
    assert written == {
        "extraction",
        "figures",
        "tables",
        "methods.txt",
        "provenance.json",
        "report.html",
        "report.ipynb",
    }


def _without_times(record: object) -> object:
    if isinstance(record, dict):
        return {
            key: _without_times(value)
            for key, value in record.items()
            if key not in ("created", "created_at", "seconds", "seconds_until_html")
        }
    if isinstance(record, list):
        return [_without_times(item) for item in record]
    return record


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _failing_notebook(path: Path) -> Path:

    nb = nbformat.read(NOTEBOOK, as_version=4)
    after = next(i for i, c in enumerate(nb.cells) if c.source == "run.distinctive_terms()")
    nb.cells.insert(after + 1, nbformat.v4.new_code_cell('raise RuntimeError("injected failure")'))
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def recovery(hostile_report, hostile_corpus, tmp_path_factory) -> dict[str, object]:
    """Into a copy of the hostile report: a run whose cell fails half-way, a run killed
    half-way (SIGKILL, so nothing of it can clean up), then an ordinary run."""
    import contextlib
    import io
    import signal
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("recovery")
    out = root / "report"
    shutil.copytree(hostile_report, out)
    before = _snapshot(out)
    seen: dict[str, object] = {}
    args = ["report", str(hostile_corpus), "--out", str(out), *FAST]

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        seen["failed_code"] = cli.main(
            [*args, "--notebook", str(_failing_notebook(root / "f.ipynb"))]
        )
    seen["failed_err"] = err.getvalue()
    seen["after_failure_intact"] = _snapshot(out) == before
    seen["failed_dir"] = sorted(p.name for p in (root / "report.failed").rglob("*"))

    command = "import sys; from framing.cli import main; sys.exit(main(sys.argv[1:]))"
    child = subprocess.Popen(
        [sys.executable, "-c", command, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # Poll a bounded number of times (at least 4 minutes of sleeps), reading no clock.
        for _ in range(MAX_POLLS):
            if list(root.glob(".report.building-*/figures/loaded_rate.png")):
                break
            assert child.poll() is None, "the run to be killed ended on its own"
            time.sleep(0.05)
        else:
            raise AssertionError("the run to be killed never got half-way")
    finally:
        os.killpg(child.pid, signal.SIGKILL)  # the run and anything of its process group
        child.wait()
    seen["after_kill_intact"] = _snapshot(out) == before
    seen["after_kill_html"] = (out / "report.html").read_text(encoding="utf-8")
    seen["after_kill_left"] = sorted(p.name for p in root.iterdir())
    killed_sockets = f"{SOCKETS_PREFIX}{child.pid}-*"
    seen["after_kill_sockets"] = list(Path(tempfile.gettempdir()).glob(killed_sockets))

    seen["final_code"] = cli.main(args)
    seen["final_left"] = sorted(p.name for p in root.iterdir())
    seen["final_sockets"] = list(Path(tempfile.gettempdir()).glob(killed_sockets))
    seen["final"] = out
    return seen


@pytest.mark.slow
def test_a_failing_cell_leaves_the_earlier_report_intact(recovery):
    assert recovery["failed_code"] == 2
    err = recovery["failed_err"]
    assert 'raise RuntimeError("injected failure")' in err and "cell In [" in err, err
    assert "left untouched" in err and "Traceback" not in err
    assert recovery["after_failure_intact"]
    # The failed build is kept for inspection, with what it wrote before the failure.
    assert {"report.ipynb", "loaded_rate.png", "distinctive_terms.png"} <= set(
        recovery["failed_dir"]
    )
    assert "matched_events.png" not in recovery["failed_dir"]


@pytest.mark.slow
def test_a_killed_run_leaves_the_earlier_report_intact_and_readable(recovery):
    assert recovery["after_kill_intact"]
    page = recovery["after_kill_html"]
    assert report.offline_problems(page) == [] and "Loaded terms in the outlet" in page
    assert [n for n in recovery["after_kill_left"] if n.startswith(".report.building-")]


@pytest.mark.slow
def test_a_new_run_after_failures_succeeds_and_tidies_up(recovery):
    assert recovery["final_code"] == 0
    # The failed build, the killed run's folder and the moved-aside old report are all gone.
    assert recovery["final_left"] == ["f.ipynb", "report"]
    # So is the folder of the killed run's kernel sockets, outside the report's folder.
    if os.name == "posix":
        assert len(recovery["after_kill_sockets"]) == 1
        assert recovery["final_sockets"] == []


@pytest.mark.slow
def test_same_corpus_and_parameters_give_identical_outputs(hostile_report, recovery):
    first, second = _snapshot(hostile_report), _snapshot(recovery["final"])
    assert first.keys() == second.keys()
    different = sorted(name for name in first if first[name] != second[name])
    # Only the JSON records (which hold creation times and run times) and the executed
    # notebook (papermill's timings) may differ.
    assert [n for n in different if not n.endswith((".json", ".ipynb"))] == []
    for name in different:
        if name.endswith(".json"):
            a, b = json.loads(first[name]), json.loads(second[name])
            assert _without_times(a) == _without_times(b), name
    assert "report.html" not in different


@pytest.mark.slow
def test_row_order_and_n_jobs_change_no_table_or_figure(
    hostile_report, hostile_corpus, tmp_path, monkeypatch
):
    corpus = framing.load_corpus(hostile_corpus)
    shuffled = corpus.sample(frac=1, random_state=7).reset_index(drop=True)
    assert shuffled["id"].tolist() != corpus["id"].tolist()
    monkeypatch.setattr(sections, "extract", functools.partial(sections.extract, n_jobs=2))
    report.build(shuffled, output_dir=tmp_path / "out", n_boot=200, min_articles=2)
    reference, rebuilt = _snapshot(hostile_report), _snapshot(tmp_path / "out")
    compared = [n for n in rebuilt if n.startswith(("tables/", "figures/"))]
    compared = [n for n in compared if not n.endswith(".json")]
    # every figure (11: pdf/svg/png), every table (16: csv/tex)
    assert len(compared) == 11 * 3 + 16 * 2
    assert [n for n in compared if rebuilt[n] != reference[n]] == []


@pytest.mark.slow
def test_every_output_names_exactly_what_produced_it(hostile_report, hostile_corpus):
    fingerprint = framing.corpus_fingerprint(framing.load_corpus(hostile_corpus))
    extraction = json.loads((hostile_report / "extraction" / "provenance.json").read_text("utf-8"))
    lexicons = {(x["name"], x["version"], x["sha256"]) for x in extraction["lexicons"]}
    detectors = sorted(extraction["detectors"].values())
    sidecars = sorted((hostile_report / "figures").glob("*.json"))
    sidecars += sorted((hostile_report / "tables").glob("*.json"))
    assert len(sidecars) == 11 + 16
    for path in sidecars:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["output"] == path.stem and record["kind"] in ("figure", "table")
        assert record["framing_version"] == framing.__version__
        assert record["detectors"] == detectors
        assert {(x["name"], x["version"], x["sha256"]) for x in record["lexicons"]} == lexicons
        assert record["corpus_fingerprint"] == fingerprint
        assert set(report.DEFAULTS) <= set(record["parameters"])
        assert record["parameters"]["seed"] == 0 and record["parameters"]["n_boot"] == 200
        for described in record["files"].values():
            data = (path.parent / described["path"]).read_bytes()
            assert described["sha256"] == "sha256:" + hashlib.sha256(data).hexdigest()
        if record["kind"] == "table":
            tex = (path.parent / f"{path.stem}.tex").read_text(encoding="utf-8")
            assert fingerprint in tex and "created" not in tex
    methods = (hostile_report / "methods.txt").read_text(encoding="utf-8")
    assert fingerprint in methods and "seed 0" in methods


@pytest.mark.slow
def test_the_recorded_seed_reproduces_the_intervals(hostile_report):
    from framing import stats

    articles = pd.read_parquet(hostile_report / "extraction" / "articles.parquet")
    table = pd.read_csv(hostile_report / "tables" / "loaded_rates.csv")
    record = json.loads((hostile_report / "tables" / "loaded_rates.json").read_text("utf-8"))
    settings_ = record["parameters"]
    again = stats.outlet_rates(
        articles,
        "rate_loaded_outlet",
        n_boot=settings_["n_boot"],
        seed=settings_["seed"],
        min_articles=settings_["min_articles"],
    )
    pd.testing.assert_frame_equal(again.reset_index(drop=True), table, check_dtype=False)
    assert again.attrs["seed"] == 0 and again.attrs["n_boot"] == 200
    # On more articles than the tiny corpus has, another seed moves the interval, not the rate.
    rng = random.Random(5)
    many = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(80)],
            "outlet": ["A", "B"] * 40,
            "words": [rng.randint(200, 900) for _ in range(80)],
            "loaded_outlet": [rng.randint(0, 12) for _ in range(80)],
        }
    )
    zero, one = (stats.outlet_rates(many, "loaded_outlet", n_boot=200, seed=s) for s in (0, 1))
    assert zero["rate"].tolist() == one["rate"].tolist()
    assert zero[["ci_low", "ci_high"]].values.tolist() != one[["ci_low", "ci_high"]].values.tolist()
    assert (zero.attrs["seed"], one.attrs["seed"]) == (0, 1)


def test_changing_one_article_changes_the_fingerprint():
    corpus = framing.load_corpus(TINY)
    base = framing.corpus_fingerprint(corpus)
    changed = corpus.copy()
    changed.loc[4, "text"] = changed.loc[4, "text"].replace("the", "teh", 1)
    renamed = corpus.copy()
    renamed.loc[4, "id"] = "another-id"
    dropped = corpus.drop(index=4)
    assert len({base, *map(framing.corpus_fingerprint, (changed, renamed, dropped))}) == 4
    # What the definition leaves out on purpose: row order, line endings, outer whitespace,
    # Unicode composition, metadata.
    same = corpus.iloc[::-1].copy()
    same["text"] = "  " + same["text"].str.replace("\n", "\r\n") + "\n"
    same["outlet"] = "Other"
    assert framing.corpus_fingerprint(same) == base
