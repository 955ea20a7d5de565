"""The command line.

As a new user I install qualgraph, load data into a store of my own, and ask from the command line what
a level compares to — as a table for me, as JSON or CSV for my scripts — with exit codes my scripts can
trust: 0 for an answer, 1 for bad input or a failed check, 2 for something that does not exist.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def qualgraph(store: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualgraph.cli", "--store", str(store), *args],
        capture_output=True, text=True, input=stdin, timeout=120, cwd=FIXTURES,
    )


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    done = qualgraph(store, "load", "comparability")
    assert done.returncode == 0, done.stderr
    return store


def test_load_reports_each_source_and_its_graph(tmp_path):
    done = qualgraph(tmp_path / "store", "load", "loading/eqf-levels.ttl")
    assert done.returncode == 0
    assert "loading/eqf-levels.ttl  ->  <https://w3id.org/qualgraph/graph/loading/eqf-levels.ttl>" in done.stdout


def test_a_failed_load_exits_1_and_names_the_line(tmp_path):
    done = qualgraph(tmp_path / "store", "load", "loading/turtle-syntax-error-on-line-6.ttl")
    assert done.returncode == 1
    assert "turtle-syntax-error-on-line-6.ttl, line 6" in done.stderr


def test_equivalences_as_json_has_the_documented_keys(loaded):
    done = qualgraph(loaded, "equivalences", "ph-pqf:5", "--to", "my-mqf", "--format", "json")
    assert done.returncode == 0, done.stderr
    [answer] = json.loads(done.stdout)
    assert {"framework", "level", "strength", "via", "sources"} <= set(answer)
    assert (answer["framework"], answer["level"], answer["strength"]) == ("my-mqf", "my-mqf:5", "one-to-one")
    assert answer["via"] == ["ph-pqf:5", "aqrf:5", "my-mqf:5"]


def test_no_counterpart_is_one_object_with_a_null_level(loaded):
    done = qualgraph(loaded, "equivalences", "nz-nzqcf:8", "--format", "json")
    assert json.loads(done.stdout) == [json.loads(done.stdout)[0]]
    assert json.loads(done.stdout)[0]["level"] is None
    assert json.loads(done.stdout)[0]["strength"] == "no-counterpart"


def test_equivalences_as_table_and_csv(loaded):
    table = qualgraph(loaded, "equivalences", "ie-nfq:8")
    assert table.returncode == 0
    assert "nz-nzqcf:7" in table.stdout and "https://example.org/ie-nfq-nz-nzqcf" in table.stdout
    rows = qualgraph(loaded, "equivalences", "ie-nfq:8", "--format", "csv").stdout.splitlines()
    assert rows[0] == "framework,level,label,strength,route,via,status,sources"
    assert rows[1].startswith("eqf,eqf:6,Level 6,partial,direct,")


def test_an_unknown_level_exits_2_and_suggests_the_closest_ids(loaded):
    done = qualgraph(loaded, "equivalences", "ph-pqf:9")
    assert done.returncode == 2
    assert "ph-pqf has no level '9'" in done.stderr and "ph-pqf:7" in done.stderr


def test_a_malformed_level_id_exits_2(loaded):
    done = qualgraph(loaded, "equivalences", "PQF level 5")
    assert done.returncode == 2
    assert "write FRAMEWORK:LEVEL" in done.stderr


def test_frameworks_overview(loaded):
    done = qualgraph(loaded, "frameworks", "--format", "json")
    overview = {f["id"]: f for f in json.loads(done.stdout)}
    assert overview["ph-pqf"]["levels"] == 3
    assert overview["aqrf"]["kind"] == "reference"
    assert overview["nz-nzqcf"]["jurisdiction"] == "NZ"


def test_query_select_from_stdin_as_csv(loaded):
    query = "PREFIX qg: <https://w3id.org/qualgraph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?l a qg:Level }"
    done = qualgraph(loaded, "query", "-", "--format", "csv", stdin=query)
    assert done.stdout.splitlines() == ["n", "22"]


def test_query_construct_prints_turtle(loaded, tmp_path):
    rq = tmp_path / "labels.rq"
    rq.write_text("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                  "CONSTRUCT { ?l skos:prefLabel ?t } WHERE { ?l skos:prefLabel ?t ; skos:notation \"11\" }")
    done = qualgraph(loaded, "query", str(rq))
    assert done.returncode == 0
    assert 'skos:prefLabel "Level 11"@en' in done.stdout


def test_a_malformed_query_exits_2_with_the_parser_message(loaded):
    done = qualgraph(loaded, "query", "-", stdin="SELECT ?x WHERE { ?x ")
    assert done.returncode == 2
    assert "error" in done.stderr.lower()
