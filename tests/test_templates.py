"""Spreadsheet templates.

As an officer of a national qualifications agency I keep our framework in a spreadsheet. I fill in the
frameworks, levels and referencing templates (CSV, or one XLSX workbook with the same sheets), load them,
and qualgraph turns them into the same RDF as everyone else's. When a cell is wrong, I am told the file,
the row and the column, and nothing is loaded.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from qualgraph.loading import LoadError, load_paths
from conftest import snapshot

ASK_NO_COUNTERPART = """
PREFIX qg: <https://w3id.org/qualgraph/ontology#>
ASK { ?c qg:sourceLevel <https://w3id.org/qualgraph/id/framework/ph-pqf/level/6> ;
         qg:noCounterpart true ;
         qg:targetFramework <https://w3id.org/qualgraph/id/framework/aqrf> . }
"""


def test_the_three_templates_become_frameworks_levels_and_decisions(store, fixtures):
    load_paths(store, [fixtures / "templates" / "valid"], root=fixtures)
    rows = store.select_values("""
        PREFIX qg: <https://w3id.org/qualgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?src ?tgt ?status ?date WHERE {
          ?c a qg:ReferencingDecision ; qg:sourceLevel ?src ; qg:status ?status ; dcterms:date ?date .
          OPTIONAL { ?c qg:targetLevel ?tgt } } ORDER BY ?src""")
    assert [(r["src"].rsplit("/", 3)[-3], r.get("tgt", "none").rsplit("/", 1)[-1], r["status"].rsplit("/", 1)[-1], r["date"]) for r in rows] == [
        ("ph-pqf", "4", "illustrative", "2019-05"),
        ("ph-pqf", "5", "illustrative", "2019-05"),
        ("ph-pqf", "none", "illustrative", "2019-05-22"),
    ]
    assert store.query(ASK_NO_COUNTERPART).boolean is True


def test_a_template_may_refer_to_frameworks_already_in_the_store(store, fixtures, tmp_path):
    valid = fixtures / "templates" / "valid"
    first, second = tmp_path / "frameworks", tmp_path / "decisions"
    first.mkdir(), second.mkdir()
    shutil.copy(valid / "frameworks.csv", first)
    shutil.copy(valid / "levels.csv", first)
    shutil.copy(valid / "referencing.csv", second)
    load_paths(store, [first], root=tmp_path)
    load_paths(store, [second], root=tmp_path)
    assert store.query(ASK_NO_COUNTERPART).boolean is True


def test_an_xlsx_workbook_with_the_same_sheets_loads_the_same(store, fixtures, tmp_path):
    book = Workbook()
    book.remove(book.active)
    for name in ("frameworks", "levels", "referencing"):
        sheet = book.create_sheet(name)
        with open(fixtures / "templates" / "valid" / f"{name}.csv", encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    book.save(tmp_path / "ph-pqf.xlsx")
    load_paths(store, [tmp_path / "ph-pqf.xlsx"], root=tmp_path)
    assert store.query(ASK_NO_COUNTERPART).boolean is True


def test_an_xlsx_problem_names_the_sheet_and_the_cell_column(store, fixtures, tmp_path):
    book = Workbook()
    book.remove(book.active)
    for name in ("frameworks", "levels"):
        sheet = book.create_sheet(name)
        with open(fixtures / "templates" / "broken" / "rank-not-a-number" / f"{name}.csv", encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    book.save(tmp_path / "ph-pqf.xlsx")
    with pytest.raises(LoadError) as error:
        load_paths(store, [tmp_path / "ph-pqf.xlsx"], root=tmp_path)
    problem = error.value.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("levels", 3, "C (rank)")


BROKEN = [
    # (fixture folder = the rule it breaks, file, row, column, phrase in the message)
    ("referencing-to-unknown-level", "referencing.csv", 3, "reference_level", "aqrf has no level '9'; aqrf has levels 4, 5, 6"),
    ("rank-not-a-number", "levels.csv", 3, "rank", "must be a whole number"),
    ("rank-used-twice", "levels.csv", 4, "rank", "rank 5 is already used by row 3"),
    ("missing-column", "referencing.csv", 1, None, "missing column decided"),
    ("decided-not-a-date", "referencing.csv", 2, "decided", "write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("status-unknown", "referencing.csv", 3, "status", "status 'approved' is not one of accepted, draft, superseded, illustrative"),
    ("source-not-a-url", "levels.csv", 6, "source", "'AQRF' is not a web address"),
    ("framework-unknown", "referencing.csv", 4, "framework", "did you mean ph-pqf"),
    ("kind-unknown", "frameworks.csv", 3, "kind", "kind 'regional' is not one of national, reference, sectoral"),
]


@pytest.mark.parametrize("rule, file, row, column, phrase", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_template_names_file_row_and_column_and_loads_nothing(store, fixtures, rule, file, row, column, phrase):
    load_paths(store, [fixtures / "loading" / "eqf-levels.ttl"], root=fixtures)
    before = snapshot(store)
    with pytest.raises(LoadError) as error:
        load_paths(store, [fixtures / "templates" / "broken" / rule], root=fixtures)
    first = error.value.problems[0]
    assert Path(first.file).name == file
    assert first.row == row
    assert first.column == column
    assert phrase in first.message
    assert snapshot(store) == before


def test_a_descriptor_cell_of_two_statements_keeps_both_lines_and_cites_the_rows_source(store, fixtures, tmp_path):
    """A spreadsheet cell may hold line breaks (Alt+Enter): each statement of a level descriptor stays a line."""
    shutil.copy(fixtures / "templates" / "valid" / "frameworks.csv", tmp_path)
    with open(tmp_path / "levels.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["framework", "level", "rank", "label", "source", "language", "descriptor:knowledge"],
            ["ph-pqf", "5", "5", "Level 5", "https://pqf.gov.ph/levels", "en",
             "Broad knowledge of a field.\nKnowledge of its theory."],
        ])
    load_paths(store, [tmp_path / "frameworks.csv", tmp_path / "levels.csv"], root=tmp_path)
    rows = store.select_values("""
        PREFIX qg: <https://w3id.org/qualgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?text ?source WHERE {
          <https://w3id.org/qualgraph/id/framework/ph-pqf/level/5> qg:hasDescriptor ?d .
          ?d rdf:value ?text ; dcterms:source ?source . }""")
    assert [(r["text"], r["source"]) for r in rows] == [
        ("Broad knowledge of a field.\nKnowledge of its theory.", "https://pqf.gov.ph/levels")]
