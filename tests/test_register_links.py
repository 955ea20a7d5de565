"""The bundled European frameworks and levels link to the EU register's concepts, exactly as the register lists them.

User story: as a developer joining qualgraph's data with Europass or another ELM-based system, I follow a framework's
or level's ``skos:closeMatch`` to the EU register of national frameworks (the QDR list in ELM's ``xsd/loq/cv/nqf.xsd``,
noted in ``../shared/reference/qdr_nqf_vocabulary_iris.csv``) and land on the concept the register gives for it, never
on an IRI somebody guessed. Where the register lumps or splits our levels (``RQF Entry Levels 1-2``, ``CQFW Entry
1-3``, old French level ``I-Master`` / ``I-Doctorat``), the link is ``skos:broadMatch`` / ``skos:narrowMatch``.

The register's rows for the bundled frameworks are copied below (IRI code and label, as the list gives them); when the
reference list is present, a test checks that the copy still agrees with it. Which bundled node a row belongs to is
read from its label only. The French framework concept (``French National Qualifications Framework``) is not linked:
the list does not say whether it is the 2019 framework or the old nomenclature. Germany's DQR is bundled as
spreadsheet templates, which have no column for links, so it has none.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from qualgraph import ids

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE_CSV = ROOT.parent / "shared" / "reference" / "qdr_nqf_vocabulary_iris.csv"
QDR = "http://data.europa.eu/snb/qdr/"
EQF = "http://data.europa.eu/snb/eqf/"
ELM_NQF_XSD = ("https://github.com/european-commission-empl/European-Learning-Model/blob/"
               "9d7c5d22002237c3afeb1750b7038e6fe2cdd371/xsd/loq/cv/nqf.xsd")
MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)

# The register's rows for the bundled frameworks and their levels: (IRI code, label), verbatim from the list.
REGISTER_ROWS = [
    ("c_01169e3f", "Irish National Framework of Qualifications"),
    ("c_027221dd", "Scottish Credit and Qualifications Framework"),
    ("c_d0a601e6", "Regulated Qualifications Framework (RQF) for England and Northern Ireland"),
    ("c_36ff4631", "Credit and Qualifications Framework for Wales"),
    ("c_de548626", "CQFW Entry 1-3"),
    ("c_c03aceeb", "CQFW Level 1"),
    ("c_826abaf9", "CQFW Level 2"),
    ("c_c7a9fba6", "CQFW Level 3"),
    ("c_3a511ca6", "CQFW Level 4"),
    ("c_3cae3a23", "CQFW Level 5"),
    ("c_fa76c0fa", "CQFW Level 6"),
    ("c_98740c52", "CQFW Level 7"),
    ("c_471f5da1", "CQFW Level 8"),
    ("c_53e465cb", "IE NQF Level 1"),
    ("c_ac9adabb", "IE NQF Level 10"),
    ("c_060f2f91", "IE NQF Level 2"),
    ("c_4c88e501", "IE NQF Level 3"),
    ("c_57c9e957", "IE NQF Level 4"),
    ("c_4053e803", "IE NQF Level 5"),
    ("c_670e54c7", "IE NQF Level 6"),
    ("c_38f52397", "IE NQF Level 7"),
    ("c_218a7e54", "IE NQF Level 8"),
    ("c_c6ada0f4", "IE NQF Level 9"),
    ("c_7ab73420", "NQF RNCP Level I-Doctorat"),
    ("c_828fbcc3", "NQF RNCP Level I-Master"),
    ("c_5ad5d222", "NQF RNCP Level II-Grade de Licence"),
    ("c_243aefbe", "NQF RNCP Level III"),
    ("c_40020d69", "NQF RNCP Level IV"),
    ("c_d7cce980", "NQF RNCP Level V"),
    ("c_b3a26e65", "RQF Entry Level 3"),
    ("c_778f8030", "RQF Entry Levels 1-2"),
    ("c_f015bac8", "RQF Level 1"),
    ("c_e83742bd", "RQF Level 2"),
    ("c_dddf1163", "RQF Level 3"),
    ("c_308a1766", "RQF Level 4"),
    ("c_dec9edae", "RQF Level 5"),
    ("c_c392e7a2", "RQF Level 6"),
    ("c_3a94d1b4", "RQF Level 7"),
    ("c_064b59e6", "RQF Level 8"),
    ("c_505223a4", "SCQF Level 1"),
    ("c_021f233f", "SCQF Level 10"),
    ("c_517309ca", "SCQF Level 11"),
    ("c_c3f2cd03", "SCQF Level 12"),
    ("c_2ce57891", "SCQF Level 2"),
    ("c_31146b2c", "SCQF Level 3"),
    ("c_61aa9cbc", "SCQF Level 4"),
    ("c_5e46ea39", "SCQF Level 5"),
    ("c_c167deaa", "SCQF Level 6"),
    ("c_326c93a5", "SCQF Level 7"),
    ("c_d9cf9fd5", "SCQF Level 8"),
    ("c_e2e0f7fc", "SCQF Level 9"),
]

FRAMEWORK_LABELS = {
    "Irish National Framework of Qualifications": "ie-nfq",
    "Scottish Credit and Qualifications Framework": "uk-scqf",
    "Regulated Qualifications Framework (RQF) for England and Northern Ireland": "uk-rqf",
    "Credit and Qualifications Framework for Wales": "uk-cqfw",
}
LEVEL_LABEL = re.compile(r"^(IE NQF|SCQF|RQF|CQFW) Level (\d+)$")
LEVEL_SLUG = {"IE NQF": "ie-nfq", "SCQF": "uk-scqf", "RQF": "uk-rqf", "CQFW": "uk-cqfw"}
# Rows that are not one level of ours: (relation, [(framework, level)]).
SPECIAL_ROWS = {
    "RQF Entry Level 3": (SKOS.closeMatch, [("uk-rqf", "E3")]),
    "RQF Entry Levels 1-2": (SKOS.broadMatch, [("uk-rqf", "E1"), ("uk-rqf", "E2")]),
    "CQFW Entry 1-3": (SKOS.broadMatch, [("uk-cqfw", "E1"), ("uk-cqfw", "E2"), ("uk-cqfw", "E3")]),
    "NQF RNCP Level V": (SKOS.closeMatch, [("fr-1969", "V")]),
    "NQF RNCP Level IV": (SKOS.closeMatch, [("fr-1969", "IV")]),
    "NQF RNCP Level III": (SKOS.closeMatch, [("fr-1969", "III")]),
    "NQF RNCP Level II-Grade de Licence": (SKOS.closeMatch, [("fr-1969", "II")]),
    "NQF RNCP Level I-Master": (SKOS.narrowMatch, [("fr-1969", "I")]),
    "NQF RNCP Level I-Doctorat": (SKOS.narrowMatch, [("fr-1969", "I")]),
}


def read_graph() -> Graph:
    g = Graph()
    for root in (DATA / "frameworks", DATA / "referencing"):
        for path in sorted(root.rglob("*.ttl")):
            g.parse(path, format="turtle")
    return g


def expected_links() -> set[tuple[URIRef, URIRef, URIRef]]:
    """(our node, relation, register IRI) for every register row, read from the row's label."""
    out = set()
    for code, label in REGISTER_ROWS:
        iri = URIRef(QDR + code)
        if label in FRAMEWORK_LABELS:
            out.add((ids.framework_iri(FRAMEWORK_LABELS[label]), SKOS.closeMatch, iri))
        elif m := LEVEL_LABEL.match(label):
            out.add((ids.level_iri(LEVEL_SLUG[m[1]], m[2]), SKOS.closeMatch, iri))
        else:
            relation, levels = SPECIAL_ROWS[label]
            out |= {(ids.level_iri(slug, notation), relation, iri) for slug, notation in levels}
    return out


# ---- the checks -------------------------------------------------------------------------------------


def missing_or_extra_register_links(g: Graph, expected: set[tuple[URIRef, URIRef, URIRef]]) -> list[str]:
    """Listed nodes without exactly their register links: a link missing, or another register link beside it."""
    nodes = {s for s, _, _ in expected}
    actual = {(s, p, o) for s in nodes for p in MATCHES for o in g.objects(s, p) if str(o).startswith(QDR)}
    return sorted([f"missing: {s} {p} {o}" for s, p, o in expected - actual]
                  + [f"not in the register's rows for it: {s} {p} {o}" for s, p, o in actual - expected])


def links_outside_the_register(g: Graph, listed: set[str]) -> list[str]:
    """Match links that leave the EU's vocabularies, or name a QDR IRI the register does not list, or an EQF level
    concept other than http://data.europa.eu/snb/eqf/1 ... /8."""
    eqf_levels = {f"{EQF}{k}" for k in range(1, 9)}
    out = []
    for p in MATCHES:
        for s, o in g.subject_objects(p):
            if (str(o).startswith(QDR) and str(o) in listed) or str(o) in eqf_levels:
                continue
            out.append(f"{s} {p} {o}")
    return sorted(out)


def register_links_without_their_source(g: Graph) -> list[str]:
    """Nodes linked to the QDR that do not cite the register's list (ELM's nqf.xsd) as dcterms:source."""
    linked = {s for p in MATCHES for s, o in g.subject_objects(p) if str(o).startswith(QDR)}
    return sorted(str(s) for s in linked if (s, DCTERMS.source, URIRef(ELM_NQF_XSD)) not in g)


REGISTER_ROWS_KEPT = Path(__file__).parent / "fixtures" / "register" / "qdr_nqf_rows.csv"


def register_rows_kept() -> list[dict[str, str]]:
    """The register's rows (iri, label, kind, source) for every framework and level the bundled data links to."""
    with open(REGISTER_ROWS_KEPT, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---- the bundled data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Graph:
    return read_graph()


def test_each_listed_framework_and_level_has_exactly_its_register_link(bundled):
    assert missing_or_extra_register_links(bundled, expected_links()) == []


def test_the_four_frameworks_the_register_lists_link_to_its_concepts(bundled):
    for label, slug in FRAMEWORK_LABELS.items():
        code = next(c for c, lab in REGISTER_ROWS if lab == label)
        assert list(bundled.objects(ids.framework_iri(slug), SKOS.closeMatch)) == [URIRef(QDR + code)], slug


def test_no_match_link_leaves_the_register(bundled):
    listed = {QDR + code for code, _ in REGISTER_ROWS} | {row["iri"] for row in register_rows_kept()}
    if REFERENCE_CSV.exists():
        with open(REFERENCE_CSV, newline="", encoding="utf-8") as f:
            listed |= {row["iri"] for row in csv.DictReader(f)}
    assert links_outside_the_register(bundled, listed) == []


def test_the_repositorys_copy_of_the_register_rows_agrees_with_the_list():
    """``tests/fixtures/register/qdr_nqf_rows.csv`` keeps the rows the bundled data links to, so that a clean clone
    checks the links without ``../shared``; each row is the list's own."""
    if not REFERENCE_CSV.exists():
        pytest.skip("the reference list is not next to the repository")
    with open(REFERENCE_CSV, newline="", encoding="utf-8") as f:
        reference = {row["iri"]: row for row in csv.DictReader(f)}
    assert [row for row in register_rows_kept() if reference.get(row["iri"]) != row] == []


def test_register_links_cite_the_register(bundled):
    assert register_links_without_their_source(bundled) == []


def test_the_french_framework_concept_is_not_linked(bundled):
    french = URIRef(QDR + "c_c8bc1cb9")
    assert list(bundled.subjects(SKOS.closeMatch, french)) == []


@pytest.mark.skipif(not REFERENCE_CSV.exists(), reason="the reference list is not next to the repository")
def test_the_copied_rows_agree_with_the_reference_list():
    with open(REFERENCE_CSV, newline="", encoding="utf-8") as f:
        listed = {row["iri"]: row["label"] for row in csv.DictReader(f)}
    assert [(code, listed.get(QDR + code)) for code, _ in REGISTER_ROWS] == REGISTER_ROWS
    prefixes = ("IE NQF ", "SCQF ", "RQF ", "CQFW ", "NQF RNCP ")
    ours = {QDR + code for code, _ in REGISTER_ROWS}
    assert {iri for iri, label in listed.items() if label.startswith(prefixes)} <= ours


# ---- each check finds what it looks for ----------------------------------------------------------------


def test_the_checks_find_wrong_links():
    g = Graph()
    nfq = ids.framework_iri("ie-nfq")
    lv1, lv2 = ids.level_iri("ie-nfq", "1"), ids.level_iri("ie-nfq", "2")
    g.add((nfq, SKOS.closeMatch, URIRef(QDR + "c_01169e3f")))
    g.add((nfq, DCTERMS.source, URIRef(ELM_NQF_XSD)))
    g.add((lv1, SKOS.closeMatch, URIRef(QDR + "c_060f2f91")))  # level 2's concept on level 1
    g.add((lv2, SKOS.closeMatch, URIRef(QDR + "c_deadbeef")))  # a guessed IRI, not listed
    g.add((lv2, SKOS.closeMatch, URIRef("http://example.org/level/2")))  # outside the EU's vocabularies
    expected = {(nfq, SKOS.closeMatch, URIRef(QDR + "c_01169e3f")),
                (lv1, SKOS.closeMatch, URIRef(QDR + "c_53e465cb")),
                (lv2, SKOS.closeMatch, URIRef(QDR + "c_060f2f91"))}
    problems = missing_or_extra_register_links(g, expected)
    assert len(problems) == 4 and sum(p.startswith("missing") for p in problems) == 2
    listed = {QDR + code for code, _ in REGISTER_ROWS}
    assert links_outside_the_register(g, listed) == sorted(
        [f"{lv2} {SKOS.closeMatch} {QDR}c_deadbeef", f"{lv2} {SKOS.closeMatch} http://example.org/level/2"])
    assert register_links_without_their_source(g) == sorted([str(lv1), str(lv2)])
