"""The benchmark's synthetic graph is a qualgraph graph.

As the engineer who reads the benchmark figures, I trust them only if the generated graph is what the real
code works on: it follows the data model (the shapes accept it), it loads, and the comparability of a level
is answered on it through every route. A small graph (8 frameworks, ~2k triples) is made here with the same
generator as the million-triple runs, so the generator cannot drift from the model unnoticed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from qualgraph.comparability import comparable_levels
from qualgraph.loading import load_paths
from qualgraph.validation import validate_files

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def small(generate, tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "synthetic.nt"
    return generate.generate(path, 2000, seed=7, frameworks=8)


@pytest.fixture
def graph(store, small):
    load_paths(store, [small.path], root=small.path.parent)
    return store


def answers(store, level, **kw):
    return {(a.level or f"{a.framework}:(none)", a.strength, a.route) for a in comparable_levels(store, level, **kw)}


def test_the_size_asked_for_is_the_size_written(small):
    assert 1800 <= small.triples <= 2000
    assert small.triples == len(small.path.read_text(encoding="utf-8").splitlines())
    assert small.qualifications > 0


def test_the_same_seed_writes_the_same_graph(generate, small, tmp_path):
    again = generate.generate(tmp_path / "again.nt", 2000, seed=7, frameworks=8)
    assert again.path.read_bytes() == small.path.read_bytes()


def test_the_generated_graph_conforms_to_the_shapes(small):
    report = validate_files([small.path])
    assert report.conforms, [v.message for v in report.findings][:5]


def test_every_triple_loads_once(graph, small):
    assert len(graph) == small.triples


def test_the_benchmark_level_is_answered_through_every_route(graph):
    got = answers(graph, "xx-nqf:5")
    assert ("ref-a:4", "partial", "direct") in got  # xx-nqf 4 and 5 share ref-a:4
    assert ("xa-nqf:5", "one-to-one", "direct") in got  # a bilateral study
    assert {route for _, _, route in got} == {"direct", "via-reference", "via-reference-comparison"}


def test_the_entry_level_without_counterpart_is_answered_as_such(graph):
    assert answers(graph, "xb-nqf:1") == {("ref-c:(none)", "no-counterpart", "direct")}


def test_every_sample_level_of_the_benchmark_has_answers(graph, small):
    for level in small.sample_levels:
        assert comparable_levels(graph, level), level
