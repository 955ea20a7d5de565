"""Spreadsheet templates.

As an officer of a national qualifications agency I keep our framework in a spreadsheet. I fill in the
frameworks, levels and referencing templates (CSV, or one XLSX workbook with the same sheets), load them,
and qualgraph turns them into the same RDF as everyone else's. When a cell is wrong, I am told the file,
the row and the column, and nothing is loaded.

When our levels carry descriptors, I declare the domains they describe (domains.csv: each domain's name, in each
language we publish, and the document that names it), so that whoever reads a descriptor can tell, and cite, what
"Wissen" or "Application" means; a descriptor in a domain we did not declare is refused at its cell.

And at each level I list the typical qualification types (qualification-types.csv: PQF 6, Baccalaureate), each row
citing the page that places the type there, in the language we publish it in, so that Europass-style comparisons can
show what a level holds. A type at a level our framework does not have, or a row without the type's name, is refused
at its cell.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from qualgraph.loading import LoadError, load_paths
from qualgraph.validation import validate_graph
from conftest import snapshot

PROJECT = Path(__file__).resolve().parents[1]

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


def load_in_two_parts(store, folder: Path, tmp_path: Path, first: list[str], later: list[str]) -> None:
    """Load the templates ``first`` of ``folder``, then, in a load of its own, those ``later``: as an agency sends
    a correction or a further file after its framework is stored."""
    for part, names in (("first", first), ("later", later)):
        (tmp_path / part).mkdir()
        for name in names:
            shutil.copy(folder / name, tmp_path / part)
        load_paths(store, [tmp_path / part], root=tmp_path)


def test_a_template_may_refer_to_frameworks_already_in_the_store(store, fixtures, tmp_path):
    load_in_two_parts(store, fixtures / "templates" / "valid", tmp_path,
                      ["frameworks.csv", "levels.csv"], ["referencing.csv"])
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
    ("level-with-two-ranks", "levels.csv", 5, "rank", "level 5 of ph-pqf has rank 5 on row 3; a level has one rank"),
    ("missing-column", "referencing.csv", 1, None, "missing column decided"),
    ("decided-not-a-date", "referencing.csv", 2, "decided", "write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("status-unknown", "referencing.csv", 3, "status", "status 'approved' is not one of accepted, draft, superseded, illustrative"),
    ("source-not-a-url", "levels.csv", 6, "source", "'AQRF' is not a web address"),
    ("framework-unknown", "referencing.csv", 4, "framework", "did you mean ph-pqf"),
    ("kind-unknown", "frameworks.csv", 3, "kind", "kind 'regional' is not one of national, reference, sectoral"),
    ("framework-rows-disagree-on-kind", "frameworks.csv", 4, "kind",
     "framework ph-pqf has kind 'national' on row 2 and 'sectoral' on this row; a framework has one kind"),
    ("framework-rows-disagree-on-jurisdiction", "frameworks.csv", 4, "jurisdiction",
     "framework ph-pqf has jurisdiction 'PH' on row 2 and 'ASEAN' on this row; a framework has one jurisdiction"),
    ("framework-rows-disagree-on-publisher", "frameworks.csv", 4, "publisher",
     ("framework ph-pqf has publisher 'Philippine Qualifications Framework National Coordinating Council' on row 2 "
      "and 'test data: another publisher' on this row; a framework has one publisher")),
    ("descriptor-in-undeclared-domain", "levels.csv", 2, "descriptor:skils",
     "ph-pqf declares no descriptor domain 'skils' (did you mean skills? ph-pqf declares knowledge, skills)"),
    ("domain-named-twice-in-one-language", "domains.csv", 3, "label",
     "domain knowledge of ph-pqf is already named in 'en' in row 2; a domain has one name per language"),
    ("type-at-a-level-the-framework-lacks", "qualification-types.csv", 3, "level",
     "ph-pqf has no level '8'; ph-pqf has levels 4, 5, 6"),
    ("type-without-a-name", "qualification-types.csv", 3, "type", "give the qualification type's name"),
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


def refused_as_a_submission(store, folder: Path) -> str:
    """What the submission check (``qualgraph validate`` on a folder) says when it refuses the folder's templates."""
    from qualgraph.submissions import Submissions, SubmittedFile, submission_files
    from qualgraph.submissions.model import InvalidInput

    files = [SubmittedFile.from_path(p) for p in submission_files([folder])]
    with pytest.raises(InvalidInput) as refused:
        Submissions(store).check(files)
    return str(refused.value)


def test_the_submission_check_refuses_rows_of_one_framework_that_disagree_on_its_kind(store, fixtures):
    """``qualgraph validate`` on a folder checks it as a submission: the officer sees the same problem, at the same
    cell, before sending anything."""
    refusal = refused_as_a_submission(store, fixtures / "templates" / "broken" / "framework-rows-disagree-on-kind")
    assert ("frameworks.csv, row 4, column 'kind': framework ph-pqf has kind 'national' on row 2 and 'sectoral' on "
            "this row") in refusal


def test_a_descriptor_cell_of_two_statements_keeps_both_lines_and_cites_the_rows_source(store, fixtures, tmp_path):
    """A spreadsheet cell may hold line breaks (Alt+Enter): each statement of a level descriptor stays a line."""
    shutil.copy(fixtures / "templates" / "valid" / "frameworks.csv", tmp_path)
    with open(tmp_path / "domains.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["framework", "domain", "label", "source"],
                                 ["ph-pqf", "knowledge", "Knowledge", "https://pqf.gov.ph/levels"]])
    with open(tmp_path / "levels.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["framework", "level", "rank", "label", "source", "language", "descriptor:knowledge"],
            ["ph-pqf", "5", "5", "Level 5", "https://pqf.gov.ph/levels", "en",
             "Broad knowledge of a field.\nKnowledge of its theory."],
        ])
    load_paths(store, [tmp_path / "frameworks.csv", tmp_path / "domains.csv", tmp_path / "levels.csv"], root=tmp_path)
    rows = store.select_values("""
        PREFIX qg: <https://w3id.org/qualgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?text ?source WHERE {
          <https://w3id.org/qualgraph/id/framework/ph-pqf/level/5> qg:hasDescriptor ?d .
          ?d rdf:value ?text ; dcterms:source ?source . }""")
    assert [(r["text"], r["source"]) for r in rows] == [
        ("Broad knowledge of a field.\nKnowledge of its theory.", "https://pqf.gov.ph/levels")]


# --- descriptor domains ------------------------------------------------------------------------------------------

DOMAINS = """
    PREFIX qg: <https://w3id.org/qualgraph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?domain ?label (LANG(?label) AS ?label_lang) ?source WHERE {
      <https://w3id.org/qualgraph/id/framework/%s> qg:hasDescriptorDomain ?domain .
      ?domain a qg:DescriptorDomain ; skos:prefLabel ?label ; dcterms:source ?source . }"""

DESCRIBED = """
    PREFIX qg: <https://w3id.org/qualgraph/ontology#>
    SELECT ?level ?domain WHERE { ?level qg:hasDescriptor ?d . ?d qg:descriptorDomain ?domain . }"""


def _domain_labels(store, framework: str) -> set[tuple[str, str, str]]:
    """(domain slug, label with its language, source) of each domain the framework lists."""
    return {(r["domain"].rsplit("/", 1)[-1], f"{r['label']}@{r['label_lang']}", r["source"])
            for r in store.select_values(DOMAINS % framework)}


def test_an_officer_declares_descriptor_domains_with_names_and_sources_and_the_framework_lists_them(store, fixtures):
    """domains.csv gives each domain of descriptor:<domain> its name, in each language, and its source: the loader
    makes the qg:DescriptorDomain the descriptors point at, and the framework lists it, as the Turtle data does."""
    load_paths(store, [fixtures / "templates" / "described"], root=fixtures)
    assert _domain_labels(store, "ph-pqf") == {
        ("knowledge-skills-and-values", "Knowledge, skills and values@en", "https://pqf.gov.ph"),
        ("application", "Application@en", "https://pqf.gov.ph"),
        ("application", "test data: its name in Filipino@fil", "https://pqf.gov.ph"),
        ("degree-of-independence", "Degree of independence@en", "https://pqf.gov.ph"),
    }
    described = {(r["level"].rsplit("/", 1)[-1], r["domain"].rsplit("/", 1)[-1])
                 for r in store.select_values(DESCRIBED)}
    assert described == {("5", "knowledge-skills-and-values"), ("5", "application"), ("5", "degree-of-independence"),
                         ("6", "knowledge-skills-and-values")}
    report = validate_graph(store.oxigraph)
    assert report.conforms, report.text()


def test_levels_may_be_described_in_domains_declared_by_an_earlier_load(store, fixtures, tmp_path):
    """The domains are declared once; a corrected levels.csv sent on its own later is checked against the store."""
    load_in_two_parts(store, fixtures / "templates" / "described", tmp_path,
                      ["frameworks.csv", "domains.csv"], ["levels.csv"])
    assert len(store.select_values(DESCRIBED)) == 4


def test_a_descriptor_in_an_undeclared_domain_is_refused_at_its_first_cell_only_once(store, fixtures, tmp_path):
    """Every row of a column in an undeclared domain has the same fault: the officer is told once, at the first cell
    of that column with text, with the domains the framework does declare."""
    broken = fixtures / "templates" / "broken" / "descriptor-in-undeclared-domain"
    shutil.copy(broken / "frameworks.csv", tmp_path)
    shutil.copy(broken / "levels.csv", tmp_path)
    with pytest.raises(LoadError) as error:
        load_paths(store, [tmp_path], root=tmp_path)
    assert [(Path(p.file).name, p.row, p.column) for p in error.value.problems] == [
        ("levels.csv", 2, "descriptor:knowledge"), ("levels.csv", 2, "descriptor:skils")]
    assert "ph-pqf declares no descriptor domains yet" in error.value.problems[0].message
    assert "declare it in domains.csv" in error.value.problems[0].message
    assert len(store) == 0


def test_the_bundled_dqr_declares_its_five_domains_in_german_and_english_citing_dqr_de(store):
    """Germany's DQR names its domains on dqr.de: Niveauindikator, Wissen, Fertigkeiten, Sozialkompetenz and
    Selbständigkeit, and on its English pages Level indicator, Knowledge, Skills, Social competence and Autonomy.
    Loaded with the rest of data/, every descriptor points at a declared domain and everything conforms."""
    load_paths(store, [PROJECT / "data"], root=PROJECT)
    labels: dict[str, set[str]] = {}
    for domain, label, source in _domain_labels(store, "de-dqr"):
        labels.setdefault(domain, set()).add(label)
        assert source.startswith(("https://dqr.de/", "https://www.dqr.de/", "http://www.dqr.de/")), source
    assert labels == {
        "niveauindikator": {"Niveauindikator@de", "Level indicator@en"},
        "wissen": {"Wissen@de", "Knowledge@en"},
        "fertigkeiten": {"Fertigkeiten@de", "Skills@en"},
        "sozialkompetenz": {"Sozialkompetenz@de", "Social competence@en"},
        "selbstaendigkeit": {"Selbständigkeit@de", "Autonomy@en"},
    }
    undeclared = store.select_values("""
        PREFIX qg: <https://w3id.org/qualgraph/ontology#>
        SELECT DISTINCT ?domain WHERE {
          ?d qg:descriptorDomain ?domain . FILTER NOT EXISTS { ?domain a qg:DescriptorDomain } }""")
    assert undeclared == []
    report = validate_graph(store.oxigraph)
    assert report.conforms, report.text()


def _levels_in_two_languages(tmp_path: Path, fixtures: Path, second_language: str) -> Path:
    """The valid templates with one more row for PQF level 5: its name in ``second_language``."""
    folder = tmp_path / "two-languages"
    shutil.copytree(fixtures / "templates" / "valid", folder)
    with open(folder / "levels.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["ph-pqf", "5", "5", "Antas 5 (test data)", "https://pqf.gov.ph", second_language])
    return folder


def test_a_level_on_a_row_per_language_is_one_level_named_in_each(store, fixtures, tmp_path):
    """We publish our ladder in English and Filipino: the second language is a second row of the same level, with
    the same rank, in the same file; checked as a submission, it is no second definition."""
    from qualgraph.submissions import Submissions, SubmittedFile, submission_files

    folder = _levels_in_two_languages(tmp_path, fixtures, "fil")
    files = [SubmittedFile.from_path(p) for p in submission_files([folder])]
    _, report = Submissions(store).check(files)
    assert report.conforms, report.text()
    load_paths(store, [folder], root=tmp_path)
    labels = store.select_values("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label (LANG(?label) AS ?lang) WHERE {
          <https://w3id.org/qualgraph/id/framework/ph-pqf/level/5> skos:prefLabel ?label }""")
    assert {(str(r["label"]), str(r["lang"])) for r in labels} >= {("Antas 5 (test data)", "fil")}
    assert len({str(r["lang"]) for r in labels}) == 2


def test_a_level_twice_in_one_language_is_a_second_definition(store, fixtures, tmp_path):
    folder = _levels_in_two_languages(tmp_path, fixtures, "en")
    assert "ph-pqf:5 is already defined in 'en' in row" in refused_as_a_submission(store, folder)


TYPES_AT_LEVELS = """
PREFIX qg: <https://w3id.org/qualgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?level ?type ?name (LANG(?name) AS ?lang) ?source WHERE {
  ?level qg:hasQualificationType ?type .
  ?type a qg:QualificationType, skos:Concept ; skos:prefLabel ?name ; dcterms:source ?source .
} ORDER BY ?level ?name
"""


def test_an_officer_lists_the_qualification_types_at_each_level_each_citing_its_page(store, fixtures):
    load_paths(store, [fixtures / "templates" / "typed"], root=fixtures)
    rows = [(r["level"].rsplit("/", 1)[-1], r["type"].rsplit("/", 3)[-3:], str(r["name"]), str(r["lang"]),
             r["source"]) for r in store.select_values(TYPES_AT_LEVELS)]
    assert rows == [
        ("4", ["4", "type", "national-certificate-iv"], "National Certificate IV", "en",
         "https://pqf.gov.ph/Home/Details/7"),
        ("6", ["6", "type", "baccalaureate"], "Baccalaureate", "en", "https://pqf.gov.ph/Home/Details/7"),
        ("6", ["6", "type", "batsilyer-test-data"], "Batsilyer (test data)", "fil",
         "https://pqf.gov.ph/Home/Details/7"),
    ]
    assert validate_graph(store.oxigraph).conforms


def typed_with_a_row_more(fixtures: Path, tmp_path: Path, row: list[str]) -> Path:
    """The typed fixture's templates, with one more qualification-types row (row 5)."""
    folder = tmp_path / "typed"
    shutil.copytree(fixtures / "templates" / "typed", folder)
    with open(folder / "qualification-types.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(row)
    return folder


def test_a_type_twice_at_one_level_in_one_language_is_a_second_definition(store, fixtures, tmp_path):
    folder = typed_with_a_row_more(fixtures, tmp_path, ["ph-pqf", "6", "Baccalaureate", "https://pqf.gov.ph", "en"])
    assert ("qualification-types.csv, row 5, column 'type': the qualification type 'Baccalaureate' at ph-pqf:6 is "
            "already defined in 'en' in row 3") in refused_as_a_submission(store, folder)


def test_a_type_named_only_by_punctuation_is_refused_at_its_cell(store, fixtures, tmp_path):
    folder = typed_with_a_row_more(fixtures, tmp_path, ["ph-pqf", "5", "—", "https://pqf.gov.ph", "en"])
    before = snapshot(store)
    with pytest.raises(LoadError) as error:
        load_paths(store, [folder], root=tmp_path)
    problem = error.value.problems[0]
    assert (Path(problem.file).name, problem.row, problem.column) == ("qualification-types.csv", 5, "type")
    assert "a qualification type needs a name with a letter or a digit" in problem.message
    assert snapshot(store) == before


@pytest.mark.parametrize("name", ["qualification-types", "qualification_types", "pqf-qualification-types",
                                  "Qualification types"])
def test_a_types_sheet_is_known_however_the_spreadsheet_writes_its_name(name):
    from qualgraph.loading.templates import template_kind

    assert template_kind(name) == "qualification-types"
    assert template_kind(name.replace("types", "levels").replace("qualification", "dqr")) == "levels"
