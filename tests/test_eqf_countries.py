"""More European national frameworks, referenced to the EQF level by level, each decision on an official page.

User story: as a recognition officer I hold an Austrian, Estonian, Dutch, Portuguese, Swedish, Cypriot, Lithuanian,
Swiss, Icelandic, Greek, Slovenian, Italian, Liechtenstein, Danish, Finnish or Belgian (Flemish or French-speaking)
qualification and
want its EQF level, and through the EQF the comparable level in another country's framework. Each answer must come
from a decision I can cite: the national coordination point's, the ministry's or the EU's own page (Cedefop,
Eurydice, Europass), never a document mirror, a blog or a count of levels. Each framework and level also links to
the EU register's concept for it (the QDR list in ELM's ``nqf.xsd``), so the data joins up with Europass.

The tests below read as the facts they check: "Austria's NQR level 6 is referenced to EQF level 6 (NQR register)".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from qualgraph import ids
from qualgraph.comparability import comparable_levels
from qualgraph.coverage import source_kind
from qualgraph.vocab import QG, QGS
from test_register_links import register_rows_kept

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
QDR = "http://data.europa.eu/snb/qdr/"
ELM_NQF_XSD = ("https://github.com/european-commission-empl/European-Learning-Model/blob/"
               "9d7c5d22002237c3afeb1750b7038e6fe2cdd371/xsd/loq/cv/nqf.xsd")

# The official pages each framework's decisions rest on.
NQR_REGISTER = "https://www.qualifikationsregister.at/der-nqr/deskriptoren/"
KUTSEKODA = "https://kutsekoda.ee/en/?p=1744"
EUROPASS_IE_EE = ("https://europass.europa.eu/en/compare-qualifications?field_eqf_selection_target_id=undefined"
                  "&field_location_selection_target_id%5B6065%5D=6065&field_location_selection_target_id%5B6072%5D=6072")
NUFFIC_DIPLOMAS = "https://www.nuffic.nl/onderwijssystemen/nederland/overzicht-nederlandse-diplomas"
DGES = "http://dges.gov.pt/en/pagina/national-qualifications-frameworkeuropean-qualifications-framework"
EURYDICE_SE = "https://eurydice.eacea.ec.europa.eu/national-education-systems/sweden/national-qualifications-framework"
CYQF_DIAGRAM = "https://cyqf.gov.cy/index.php/el/diagramma"
CYQF_DIAGRAM_EN = "http://cyqf.gov.cy/index.php/en/diagram"
LT_MINISTRY = "https://smsm.lrv.lt/lt/veiklos-sritys-1/smm-studijos/kvalifikaciju-sandara/"
SERI_EQF = "https://www.sbfi.admin.ch/en/the-european-qualifications-framework"
ENIC_IS = "https://english.enicnaric.is/isqf.html"
HQF_LEVELS_TABLE = "https://www.nqf.gov.gr/en/index.php/ta-8-epipeda"
CEDEFOP_GR_NEWS = "https://www.cedefop.europa.eu/mt/news-and-press/news/greece-hellenic-qualifications-framework-developments"
NOK_SOK_TABLE = "https://www.nok.si/o-slovenskem-ogrodju-kvalifikacij-sok"
NOK_EN = "http://www.nok.si/en/"
GU_QNQ_ART3 = ("http://www.gazzettaufficiale.it/atto/serie_generale/caricaArticolo?art.progressivo=0&art.idArticolo=3"
               "&art.versione=1&art.codiceRedazionale=18A00411&art.dataPubblicazioneGazzetta=2018-01-25&art.idGruppo=0"
               "&art.idSottoArticolo1=10&art.idSottoArticolo=1&art.flagTipoArticolo=0")
NQFL_LEVELS = "http://www.nqfl.li/?page=2302&lan=en"
UFM_LEVEL_PAGES = "https://ufm.dk/en/education"
UFM_LEVEL_1 = "https://ufm.dk/en/education/recognition-and-transparency/transparency-tools/qualifications-frameworks/levels/level-1"
UFM_LEVEL_6_DA = ("https://ufm.dk/uddannelse/anerkendelse-og-dokumentation/dokumentation/kvalifikationsrammer/"
                  "niveauer-i-kvalifikationsrammen/niveau-6")
UFM_DEGREES = "http://ufm.dk/en/education-and-institutions/higher-education/degrees-and-qualifications"
FINLEX_ANNEX = "https://www.finlex.fi/fi/laki/alkup/2022/20220425"
NUFFIC_FLEMISH_DIPLOMAS = "https://www.nuffic.nl/onderwijssystemen/belgie-vlaamstalige-regio/overzicht-diplomawaarderingen"
NUFFIC_FLEMISH_DIPLOMAS_EN = ("https://www.nuffic.nl/en/education-systems/belgium-flemish-language-region/"
                              "overview-of-diploma-evaluations")
NUFFIC_FRANCOPHONE_DIPLOMAS = ("https://www.nuffic.nl/onderwijssystemen/belgie-wallonie-en-brussel/"
                               "overzicht-diplomawaarderingen")

# framework -> (the EU register's framework concept, the register's label prefix of its levels, referencing date)
NEW_FRAMEWORKS = {
    "at-nqr": ("c_4538e0af", "AT: NQF Level ", None),
    "ee-estqf": ("c_e9fb041f", "EstQF Level ", "2011"),
    "nl-nlqf": ("c_5c66dcbc", "NLQF Level ", "2012"),
    "pt-qnq": ("c_5a1e9f89", "QNQ Level ", None),
    "se-seqf": ("c_d932c882", "SeQF Level ", "2016"),
    "lt-ltqf": ("c_a6d433f4", "LTQF Level ", None),
    "ch-nqf-vpq": ("c_fcd47fb1", "NQF VPET Level ", "2015"),
}
REGISTER_LABELS = {
    "c_4538e0af": "Austrian National Qualifications Framework",
    "c_e9fb041f": "Estonian Qualifications Framework",
    "c_5c66dcbc": "Dutch National Qualifications Framework",
    "c_5a1e9f89": "Portuguese National Qualifications Framework",
    "c_d932c882": "Swedish National Qualifications Framework",
    "c_a6d433f4": "Lithuanian National Qualifications Framework",
    "c_afce1c3a": "Cypriot National Qualifications Framework",
    "c_fcd47fb1": "National Qualifications Framework of Swiss Vocational and Professional Education",
    "c_2e41fe05": "Icelandic Qualifications Framework",
    "c_0ea90db7": "Hellenic National Qualifications Framework",
    "c_0f8ae85c": "Slovenian Qualifications Framework",
    "c_02d8bc18": "Italian Qualifications Framework",
    "c_bc619568": "National Qualifications Framework for Lifelong Learning for Liechtenstein",
    "c_61ba90ec": "Danish National Qualifications Framework",
    "c_2d1fde14": "Finnish National Qualifications Framework",
    "c_ed96825f": "Flemish qualifications framework",
    "c_f3b785c7": "Qualifications Framework of the French Community of Belgium",
}
# Denmark: the ministry's page for each level says which EQF level it corresponds to (level 5: its degrees table).
DKQF_TABLE = [("1", "2"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("6", "6"), ("7", "7"), ("8", "8")]
# Belgium: Nuffic's tables of Flemish and of French-speaking Belgian diplomas give each diploma's national and EQF
# level; they list diplomas at VKS 4-7 and at CFC 4, 6 and 7 only.
VKS_READ = [("4", "4"), ("5", "5"), ("6", "6"), ("7", "7")]
CFC_READ = [("4", "4"), ("6", "6"), ("7", "7")]
# Iceland: ENIC/NARIC Iceland's table gives nine ISQF levels; its EQF cells were read for the upper five only.
ISQF_READ = [("5.1", "6"), ("5.2", "6"), ("6.1", "7"), ("6.2", "7"), ("7", "8")]
ISQF_LEVELS = ["1", "2", "3", "4", "5.1", "5.2", "6.1", "6.2", "7"]
# Cyprus: the CyQF's diagram numbers twelve levels, with sub-levels at 5 and 7, and gives each one EQF level.
# Slovenia: nok.si's table gives the SOK's rows with an 'EOK raven' cell; read for SOK 1-6 only (SOK 7-10 not read).
SOK_READ = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "4"), ("6", "5")]
REFERENCE_CSV = ROOT.parent / "shared" / "reference" / "qdr_nqf_vocabulary_iris.csv"
CYQF_TABLE = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5a", "5"), ("5b", "5"), ("5c", "5"), ("6", "6"),
              ("7a", "7"), ("7b", "7"), ("7c", "7"), ("8", "8")]


def register_labels() -> dict[str, str]:
    """label -> IRI for the register's rows: the repository's copy, and the reference list where it is present."""
    rows = register_rows_kept()
    if REFERENCE_CSV.exists():
        import csv

        with open(REFERENCE_CSV, newline="", encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    return {row["label"]: row["iri"] for row in rows}


def assert_linked_to_the_register(data: Graph, by_label: dict[str, str], slug: str, code: str, prefix: str,
                                  levels: range) -> None:
    """The framework matches the register's concept ``code`` and each of ``levels`` (all its levels) the register's
    ``prefix`` + level (``skos:closeMatch``, one each)."""
    fw = ids.framework_iri(slug)
    assert list(data.objects(fw, SKOS.closeMatch)) == [URIRef(by_label[REGISTER_LABELS[code]])]
    assert set(data.objects(fw, SKOS.hasTopConcept)) == {ids.level_iri(slug, str(k)) for k in levels}
    for k in levels:
        lv = ids.level_iri(slug, str(k))
        assert list(data.objects(lv, SKOS.closeMatch)) == [URIRef(by_label[f"{prefix}{k}"])], lv


@pytest.fixture(scope="module")
def data() -> Graph:
    g = Graph()
    for root in (DATA / "frameworks", DATA / "referencing"):
        for path in sorted(root.rglob("*.ttl")):
            g.parse(path, format="turtle")
    return g


def decision(g: Graph, slug: str, level: str, date: str | None, eqf: str | None = None) -> URIRef:
    c = ids.correspondence_iri(slug, level, "eqf", eqf or level, date)
    assert (c, RDF.type, QG.ReferencingDecision) in g, f"no decision {c}"
    return c


def sources(g: Graph, s: URIRef) -> set[str]:
    return {str(o) for o in g.objects(s, DCTERMS.source)}


def target_of(g: Graph, c: URIRef) -> URIRef:
    return g.value(c, QG.targetLevel)


# ---- the facts, as a reader would state them ------------------------------------------------------------------


def test_austrias_nqr_level_6_is_referenced_to_eqf_level_6_as_the_nqr_register_states(data):
    c = decision(data, "at-nqr", "6", None)
    assert target_of(data, c) == ids.level_iri("eqf", "6")
    assert (c, QG.status, QGS.accepted) in data
    assert NQR_REGISTER in sources(data, c)
    # the level as the register names it, in German
    assert Literal("NQR-Qualifikationsniveau VI", lang="de") in set(
        data.objects(ids.level_iri("at-nqr", "6"), SKOS.prefLabel))


def test_estonias_estqf_level_8_is_referenced_to_eqf_level_8_with_europass_table_among_its_sources(data):
    c = decision(data, "ee-estqf", "8", "2011")
    assert target_of(data, c) == ids.level_iri("eqf", "8")
    assert {KUTSEKODA, EUROPASS_IE_EE} <= sources(data, c)
    # Europass's table was read for EQF rows 8, 7 and 6 only, so lower levels do not cite it
    assert EUROPASS_IE_EE not in sources(data, decision(data, "ee-estqf", "4", "2011"))


def test_the_netherlands_nlqf_level_5_is_referenced_to_eqf_level_5_as_nuffic_table_shows_2012(data):
    c = decision(data, "nl-nlqf", "5", "2012")
    assert target_of(data, c) == ids.level_iri("eqf", "5")
    assert NUFFIC_DIPLOMAS in sources(data, c)
    assert Literal("Nederlands Kwalificatieraamwerk", lang="nl") in set(
        data.objects(ids.framework_iri("nl-nlqf"), SKOS.prefLabel))


def test_portugals_qnq_level_4_is_referenced_to_eqf_level_4_because_the_qnq_adopts_the_eqf_levels(data):
    c = decision(data, "pt-qnq", "4", None)
    assert target_of(data, c) == ids.level_iri("eqf", "4")
    assert sources(data, c) == {DGES}
    assert any("adopts the qualification levels" in str(n) for n in data.objects(c, SKOS.note))


def test_swedens_seqf_level_7_is_referenced_to_eqf_level_7_since_2016(data):
    c = decision(data, "se-seqf", "7", "2016")
    assert target_of(data, c) == ids.level_iri("eqf", "7")
    assert EURYDICE_SE in sources(data, c)
    assert Literal("Sveriges referensram för kvalifikationer", lang="sv") in set(
        data.objects(ids.framework_iri("se-seqf"), SKOS.prefLabel))


def test_cyprus_cyqf_sub_levels_5a_to_5c_are_all_referenced_to_eqf_level_5_as_the_cyqf_diagram_shows(data):
    for sub in ("5a", "5b", "5c"):
        c = decision(data, "cy-cyqf", sub, None, eqf="5")
        assert target_of(data, c) == ids.level_iri("eqf", "5")
        assert (c, QG.status, QGS.accepted) in data
        assert {CYQF_DIAGRAM, CYQF_DIAGRAM_EN} <= sources(data, c)
    # the diagram writes EQF 5 once, beside 5c; the notes of 5a and 5b say their cell spans the three sub-levels
    assert any("spanning" in str(n) for n in data.objects(decision(data, "cy-cyqf", "5a", None, eqf="5"), SKOS.note))


def test_lithuanias_ltqf_level_5_is_referenced_to_eqf_level_5_as_the_ministry_states(data):
    c = decision(data, "lt-ltqf", "5", None)
    assert target_of(data, c) == ids.level_iri("eqf", "5")
    assert sources(data, c) == {LT_MINISTRY}
    # the statement is quoted in Lithuanian: the LTQF corresponds to the Recommendation and its eight levels
    assert any("joje nustatytus 8 kvalifikacijų sąrangos lygius" in str(n) for n in data.objects(c, SKOS.note))
    assert Literal("Lietuvos kvalifikacijų sandara", lang="lt") in set(
        data.objects(ids.framework_iri("lt-ltqf"), SKOS.prefLabel))


def test_switzerlands_nqf_vpq_level_4_is_referenced_to_eqf_level_4_as_seri_states_2015(data):
    c = decision(data, "ch-nqf-vpq", "4", "2015")
    assert target_of(data, c) == ids.level_iri("eqf", "4")
    assert (c, QG.status, QGS.accepted) in data
    assert SERI_EQF in sources(data, c)
    # SERI: the eight NQF VPQ levels are 'perfectly aligned with all eight levels of the EQF'
    assert any("perfectly aligned with all eight levels of the EQF" in str(n) for n in data.objects(c, SKOS.note))
    assert Literal("Nationaler Qualifikationsrahmen für Abschlüsse der Berufsbildung", lang="de") in set(
        data.objects(ids.framework_iri("ch-nqf-vpq"), SKOS.prefLabel))
    # the report: SERI's page is its source, and no document mirror is cited for it
    report = ids.alignment_iri("ch-nqf-vpq", "eqf")
    assert SERI_EQF in sources(data, report)
    assert list(data.objects(report, PROV.wasDerivedFrom)) == []


def test_icelands_isqf_5_1_is_eqf_6_in_enic_naric_icelands_table_but_only_as_a_draft(data):
    for n, m in ISQF_READ:
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("is-isqf", n)))
        assert target_of(data, c) == ids.level_iri("eqf", m), n
        assert (c, QG.status, QGS.draft) in data, n
        assert sources(data, c) == {ENIC_IS}
        assert source_kind(ENIC_IS) == "official"
    # the EQF cells of ISQF 1-4 were not read, so those levels have no decision (never one inferred from a count)
    for n in ("1", "2", "3", "4"):
        assert list(data.subjects(QG.sourceLevel, ids.level_iri("is-isqf", n))) == [], n


def test_each_isqf_level_links_to_its_own_register_concept(data):
    fw = ids.framework_iri("is-isqf")
    assert set(data.objects(fw, SKOS.hasTopConcept)) == {ids.level_iri("is-isqf", n) for n in ISQF_LEVELS}
    ranks = [int(data.value(ids.level_iri("is-isqf", n), QG.rank)) for n in ISQF_LEVELS]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert list(data.objects(fw, SKOS.closeMatch)) == [URIRef(QDR + "c_2e41fe05")]
    by_label = {row["label"]: row["iri"] for row in register_rows_kept()}
    by_iri = {row["iri"]: row["label"] for row in register_rows_kept()}
    assert by_iri[QDR + "c_2e41fe05"] == REGISTER_LABELS["c_2e41fe05"]
    for n in ISQF_LEVELS:
        lv = ids.level_iri("is-isqf", n)
        assert list(data.objects(lv, SKOS.closeMatch)) == [URIRef(by_label[f"ISQF Level {n}"])], n


def test_each_cyqf_level_has_one_accepted_decision_and_its_own_register_concept(data):
    fw = ids.framework_iri("cy-cyqf")
    levels = set(data.objects(fw, SKOS.hasTopConcept))
    assert levels == {ids.level_iri("cy-cyqf", n) for n, _ in CYQF_TABLE}
    ranks = [int(data.value(ids.level_iri("cy-cyqf", n), QG.rank)) for n, _ in CYQF_TABLE]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    for n, m in CYQF_TABLE:
        lv = ids.level_iri("cy-cyqf", n)
        [c] = list(data.subjects(QG.sourceLevel, lv))
        assert target_of(data, c) == ids.level_iri("eqf", m), n
        assert (c, QG.status, QGS.accepted) in data
        assert all(source_kind(u) == "official" for u in sources(data, c)), c
    assert list(data.objects(fw, SKOS.closeMatch)) == [URIRef(QDR + "c_afce1c3a")]
    by_label = {row["label"]: row["iri"] for row in register_rows_kept()}
    for n, _ in CYQF_TABLE:
        lv = ids.level_iri("cy-cyqf", n)
        assert list(data.objects(lv, SKOS.closeMatch)) == [URIRef(by_label[f"CyQF Level {n}"])], n


@pytest.mark.parametrize("slug", sorted(NEW_FRAMEWORKS))
def test_each_level_has_one_accepted_decision_on_an_official_page(data, slug):
    date = NEW_FRAMEWORKS[slug][2]
    levels = set(data.objects(ids.framework_iri(slug), SKOS.hasTopConcept))
    assert levels == {ids.level_iri(slug, str(k)) for k in range(1, 9)}
    for lv in levels:
        assert len(list(data.subjects(QG.sourceLevel, lv))) == 1, lv
    for k in range(1, 9):
        c = decision(data, slug, str(k), date)
        assert (c, QG.status, QGS.accepted) in data
        assert any(source_kind(u) == "official" for u in sources(data, c)), c
        assert not any(source_kind(u) in ("copy", "secondary") for u in sources(data, c)), c


@pytest.mark.parametrize("slug", sorted(NEW_FRAMEWORKS))
def test_each_framework_and_level_links_to_the_eu_register(data, slug):
    code, prefix, _ = NEW_FRAMEWORKS[slug]
    fw = ids.framework_iri(slug)
    assert list(data.objects(fw, SKOS.closeMatch)) == [URIRef(QDR + code)]
    assert URIRef(ELM_NQF_XSD) in set(data.objects(fw, DCTERMS.source))
    rows = register_rows_kept()
    by_label = {row["label"]: row["iri"] for row in rows}
    by_iri = {row["iri"]: row["label"] for row in rows}
    assert by_iri[QDR + code] == REGISTER_LABELS[code]
    for k in range(1, 9):
        lv = ids.level_iri(slug, str(k))
        assert list(data.objects(lv, SKOS.closeMatch)) == [URIRef(by_label[f"{prefix}{k}"])], lv


def test_the_nlqf_entry_level_is_not_recorded_because_no_source_places_it(data):
    # the NLQF has an entry level below level 1, but no page read says where it stands against the EQF
    assert (ids.level_iri("nl-nlqf", "entry"), None, None) not in data
    # so the register's 'NLQF Entry Level' (c_b42dd23b) and 'NLQF Level 4+' (c_c2700f4e) are linked to nothing
    for code in ("c_b42dd23b", "c_c2700f4e"):
        assert list(data.subjects(None, URIRef(QDR + code))) == [], code
    assert any("entry level" in str(n) for n in data.objects(ids.framework_iri("nl-nlqf"), SKOS.note))


def test_greeces_hqf_level_5_is_referenced_to_eqf_level_5_as_the_hqf_levels_table_states_2015(data):
    for k in range(1, 9):
        c = decision(data, "gr-hqf", str(k), "2015-12")
        assert target_of(data, c) == ids.level_iri("eqf", str(k))
        assert (c, QG.status, QGS.accepted) in data
        assert sources(data, c) == {HQF_LEVELS_TABLE}
        assert source_kind(HQF_LEVELS_TABLE) == "official"
        # the table's one level column is headed as the levels of both frameworks
        assert any("LEVELS OF HELLENIC & EUROPEAN QUALIFICATIONS FRAMEWORK" in str(n) for n in data.objects(c, SKOS.note))
    for lv in data.objects(ids.framework_iri("gr-hqf"), SKOS.hasTopConcept):
        assert len(list(data.subjects(QG.sourceLevel, lv))) == 1, lv
    # the EQF Advisory Group approved the report in December 2015 (Cedefop); the report itself only in a copy
    report = ids.alignment_iri("gr-hqf", "eqf")
    assert CEDEFOP_GR_NEWS in sources(data, report)
    assert all(source_kind(str(u)) == "copy" for u in data.objects(report, PROV.wasDerivedFrom))
    assert Literal("Εθνικό Πλαίσιο Προσόντων", lang="el") in set(data.objects(ids.framework_iri("gr-hqf"), SKOS.prefLabel))
    # no qualification types: the English table's qualification columns look swapped at levels 1 and 2
    assert list(data.objects(ids.level_iri("gr-hqf", "1"), QG.hasQualificationType)) == []


def test_slovenias_sok_5_is_eqf_4_and_sok_6_is_eqf_5_in_nok_si_table_but_only_as_drafts(data):
    for n, m in SOK_READ:
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("si-sqf", n)))
        assert target_of(data, c) == ids.level_iri("eqf", m), n
        assert (c, QG.status, QGS.draft) in data, n
        assert NOK_SOK_TABLE in sources(data, c)
        assert all(source_kind(u) == "official" for u in sources(data, c)), c
    # the English page's headings were read for levels 1 and 2 only
    assert NOK_EN in sources(data, decision(data, "si-sqf", "2", None))
    assert NOK_EN not in sources(data, decision(data, "si-sqf", "5", None, eqf="4"))
    # the rows of SOK 7-10 were not read: no decision, never one inferred from ten levels against eight
    for n in ("7", "8", "9", "10"):
        assert list(data.subjects(QG.sourceLevel, ids.level_iri("si-sqf", n))) == [], n
    assert Literal("Slovensko ogrodje kvalifikacij", lang="sl") in set(
        data.objects(ids.framework_iri("si-sqf"), SKOS.prefLabel))


@pytest.mark.parametrize("slug,code,prefix,levels", [
    ("gr-hqf", "c_0ea90db7", "HQF Level ", range(1, 9)),
    ("si-sqf", "c_0f8ae85c", "SQF Level ", range(1, 11)),
    ("it-qnq", "c_02d8bc18", "IT NQF Level ", range(1, 9)),
    ("li-nqfl", "c_bc619568", "NQFL Level ", range(1, 9)),
])
def test_greek_slovenian_italian_and_liechtenstein_frameworks_and_levels_link_to_the_eu_register(data, slug, code, prefix, levels):
    by_label = register_labels()
    if REGISTER_LABELS[code] not in by_label:
        pytest.skip("the register's rows for this framework are not in the repository's copy and the list is absent")
    assert_linked_to_the_register(data, by_label, slug, code, prefix, levels)
    assert URIRef(ELM_NQF_XSD) in set(data.objects(ids.framework_iri(slug), DCTERMS.source))


def test_italys_qnq_level_5_is_eqf_level_5_because_the_decree_makes_each_qnq_level_the_homologous_eqf_level(data):
    for k in range(1, 9):
        c = decision(data, "it-qnq", str(k), "2018-01-08")
        assert target_of(data, c) == ids.level_iri("eqf", str(k))
        assert (c, QG.status, QGS.accepted) in data
        assert sources(data, c) == {GU_QNQ_ART3}
        assert source_kind(GU_QNQ_ART3) == "official"
        # the decree's words, quoted in Italian
        assert any("trova corrispondenza nel livello omologo" in str(n) for n in data.objects(c, SKOS.note))
    for lv in data.objects(ids.framework_iri("it-qnq"), SKOS.hasTopConcept):
        assert len(list(data.subjects(QG.sourceLevel, lv))) == 1, lv
    assert Literal("Quadro nazionale delle qualificazioni", lang="it") in set(
        data.objects(ids.framework_iri("it-qnq"), SKOS.prefLabel))
    # not Portugal's QNQ: a framework of its own, with its own register concept
    assert ids.framework_iri("it-qnq") != ids.framework_iri("pt-qnq")


def test_liechtensteins_nqfl_levels_correspond_with_the_eqfs_as_nqfl_li_states_but_only_as_drafts(data):
    for k in range(1, 9):
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("li-nqfl", str(k))))
        assert target_of(data, c) == ids.level_iri("eqf", str(k))
        assert (c, QG.status, QGS.draft) in data
        assert sources(data, c) == {NQFL_LEVELS}
        assert source_kind(NQFL_LEVELS) == "official"
        assert any("correspond with those of the EQF" in str(n) for n in data.objects(c, SKOS.note))
    # the report only in a copy of its contents
    report = ids.alignment_iri("li-nqfl", "eqf")
    assert all(source_kind(str(u)) == "copy" for u in data.objects(report, PROV.wasDerivedFrom))
    assert (report, QG.status, QGS.draft) in data


def test_denmarks_levels_1_and_2_are_both_eqf_2_as_the_ministrys_level_pages_state_but_only_as_drafts(data):
    for n, m in DKQF_TABLE:
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("dk-dkqf", n)))
        assert c == decision(data, "dk-dkqf", n, None, eqf=m)
        assert target_of(data, c) == ids.level_iri("eqf", m), n
        assert (c, QG.status, QGS.draft) in data, n
        assert sources(data, c) and all(source_kind(u) == "official" for u in sources(data, c)), n
        if n != "5":
            # each level's own page on ufm.dk, never the report's sources
            assert any(u.startswith(UFM_LEVEL_PAGES) and f"/levels/level-{n}" in u for u in sources(data, c)), n
            assert any(f"corresponds to level {m} of the European Qualifications Framework" in str(x)
                       for x in data.objects(c, SKOS.note)), n
    assert sources(data, decision(data, "dk-dkqf", "1", None, eqf="2")) == {UFM_LEVEL_1}
    # level 5 from the degrees table's 'NQF/EQF' column; level 6 also on the Danish page
    assert sources(data, decision(data, "dk-dkqf", "5", None)) == {UFM_DEGREES}
    assert UFM_LEVEL_6_DA in sources(data, decision(data, "dk-dkqf", "6", None))
    # two Danish levels share EQF level 2, and no Danish level is at EQF 1
    danish = {ids.level_iri("dk-dkqf", str(k)) for k in range(1, 9)}
    at_eqf = {m: {data.value(c, QG.sourceLevel) for c in data.subjects(QG.targetLevel, ids.level_iri("eqf", m))} & danish
              for m in ("1", "2")}
    assert at_eqf == {"1": set(), "2": {ids.level_iri("dk-dkqf", "1"), ids.level_iri("dk-dkqf", "2")}}
    report = ids.alignment_iri("dk-dkqf", "eqf")
    assert (report, QG.status, QGS.draft) in data
    assert all(source_kind(str(u)) == "copy" for u in data.objects(report, PROV.wasDerivedFrom))
    assert Literal("Den danske Kvalifikationsramme for Livslang Læring", lang="da") in set(
        data.objects(ids.framework_iri("dk-dkqf"), SKOS.prefLabel))


def test_finlands_finqf_level_n_is_eqf_n_under_the_decree_annexs_column_heading_but_only_as_drafts(data):
    for k in range(1, 9):
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("fi-finqf", str(k))))
        assert target_of(data, c) == ids.level_iri("eqf", str(k))
        assert (c, QG.status, QGS.draft) in data
        assert sources(data, c) == {FINLEX_ANNEX}
        assert source_kind(FINLEX_ANNEX) == "official"
        # the annex's heading, quoted in Finnish, and what of the annex was read
        notes = " ".join(str(x) for x in data.objects(c, SKOS.note))
        assert "Kansallinen vaativuustaso / eurooppalaisen tutkintojen viitekehyksen taso" in notes
        assert "'Taso 1' and 'Taso 2'" in notes
    report = ids.alignment_iri("fi-finqf", "eqf")
    assert (report, QG.status, QGS.draft) in data
    assert all(source_kind(str(u)) == "copy" for u in data.objects(report, PROV.wasDerivedFrom))
    assert Literal("Tutkintojen ja muiden osaamiskokonaisuuksien viitekehys", lang="fi") in set(
        data.objects(ids.framework_iri("fi-finqf"), SKOS.prefLabel))


@pytest.mark.parametrize("slug,code,prefix", [
    ("dk-dkqf", "c_61ba90ec", "DK NQF Level "),
    ("fi-finqf", "c_2d1fde14", "FiNQF Level "),
])
def test_danish_and_finnish_frameworks_and_levels_link_to_the_eu_register(data, slug, code, prefix):
    by_label = register_labels()
    assert REGISTER_LABELS[code] in by_label, "the register's rows for this framework are missing from the fixture"
    assert_linked_to_the_register(data, by_label, slug, code, prefix, range(1, 9))
    assert URIRef(ELM_NQF_XSD) in set(data.objects(ids.framework_iri(slug), DCTERMS.source))


def test_flanders_vks_levels_4_to_7_are_eqf_4_to_7_in_nuffics_table_of_flemish_diplomas_but_only_as_drafts(data):
    for n, m in VKS_READ:
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("be-vks", n)))
        assert c == decision(data, "be-vks", n, None, eqf=m)
        assert target_of(data, c) == ids.level_iri("eqf", m), n
        assert (c, QG.status, QGS.draft) in data, n
        # Nuffic's table, in Dutch and in English: an official page, never the report's sources
        assert sources(data, c) == {NUFFIC_FLEMISH_DIPLOMAS, NUFFIC_FLEMISH_DIPLOMAS_EN}, n
        assert all(source_kind(u) == "official" for u in sources(data, c)), n
        notes = " ".join(str(x) for x in data.objects(c, SKOS.note))
        assert f"VKS level {n} and EQF level {m}" in notes and "'VKS-niveau' and 'EQF-niveau'" in notes, n
    # the table has no diploma at VKS 1-3 or 8: those levels exist, with no decision (never inferred from the count)
    for k in ("1", "2", "3", "8"):
        assert (ids.level_iri("be-vks", k), RDF.type, QG.Level) in data
        assert list(data.subjects(QG.sourceLevel, ids.level_iri("be-vks", k))) == [], k
    report = ids.alignment_iri("be-vks", "eqf")
    assert (report, QG.status, QGS.draft) in data
    fw = ids.framework_iri("be-vks")
    assert Literal("Vlaamse kwalificatiestructuur", lang="nl") in set(data.objects(fw, SKOS.prefLabel))
    assert (fw, QG.jurisdiction, Literal("BE")) in data
    assert Literal("Flemish Community", lang="en") in set(data.objects(fw, SKOS.scopeNote))


def test_the_french_communitys_cfc_levels_4_6_and_7_are_eqf_4_6_and_7_in_nuffics_table_but_only_as_drafts(data):
    for n, m in CFC_READ:
        [c] = list(data.subjects(QG.sourceLevel, ids.level_iri("be-cfc", n)))
        assert c == decision(data, "be-cfc", n, None, eqf=m)
        assert target_of(data, c) == ids.level_iri("eqf", m), n
        assert (c, QG.status, QGS.draft) in data, n
        assert sources(data, c) == {NUFFIC_FRANCOPHONE_DIPLOMAS}, n
        assert source_kind(NUFFIC_FRANCOPHONE_DIPLOMAS) == "official"
        notes = " ".join(str(x) for x in data.objects(c, SKOS.note))
        assert f"CFC level {n} and EQF level {m}" in notes and "'CFC-niveau' and 'EQF-niveau'" in notes, n
    # no diploma at CFC 1-3, 5 or 8 in the table: CFC 5 is not placed at EQF 5 just because the numbers run alike
    for k in ("1", "2", "3", "5", "8"):
        assert list(data.subjects(QG.sourceLevel, ids.level_iri("be-cfc", k))) == [], k
    assert (ids.alignment_iri("be-cfc", "eqf"), QG.status, QGS.draft) in data
    fw = ids.framework_iri("be-cfc")
    assert Literal("Cadre francophone des certifications", lang="fr") in set(data.objects(fw, SKOS.prefLabel))
    assert (fw, QG.jurisdiction, Literal("BE")) in data


@pytest.mark.parametrize("slug,code,prefix", [
    ("be-vks", "c_ed96825f", "FQF Level "),
    ("be-cfc", "c_f3b785c7", "CFC Level "),
])
def test_the_two_belgian_frameworks_and_their_levels_link_to_the_eu_register(data, slug, code, prefix):
    by_label = register_labels()
    assert REGISTER_LABELS[code] in by_label, "the register's rows for this framework are missing from the fixture"
    assert_linked_to_the_register(data, by_label, slug, code, prefix, range(1, 9))
    for k in range(1, 9):
        lv = ids.level_iri(slug, str(k))
        assert URIRef(ELM_NQF_XSD) in set(data.objects(lv, DCTERMS.source)), lv


# ---- derivation through the EQF ---------------------------------------------------------------------------------


def test_austrias_nqr_6_compares_to_swedens_seqf_6_through_eqf_6(bundled_store):
    [answer] = comparable_levels(bundled_store, "at-nqr:6", to="se-seqf")
    assert (answer.level, answer.strength, answer.route) == ("se-seqf:6", "one-to-one", "via-reference")
    assert answer.via == ["at-nqr:6", "eqf:6", "se-seqf:6"]
    assert answer.statuses == ["accepted", "accepted"]
    assert NQR_REGISTER in answer.sources and EURYDICE_SE in answer.sources


def test_switzerlands_nqf_vpq_6_compares_to_austrias_nqr_6_through_eqf_6(bundled_store):
    [answer] = comparable_levels(bundled_store, "ch-nqf-vpq:6", to="at-nqr")
    assert (answer.level, answer.strength, answer.route) == ("at-nqr:6", "one-to-one", "via-reference")
    assert answer.via == ["ch-nqf-vpq:6", "eqf:6", "at-nqr:6"]
    assert SERI_EQF in answer.sources and NQR_REGISTER in answer.sources


def test_icelands_draft_decisions_are_used_only_when_drafts_are_asked_for(bundled_store):
    assert comparable_levels(bundled_store, "is-isqf:5.2", to="at-nqr") == []
    [answer] = comparable_levels(bundled_store, "is-isqf:5.2", to="at-nqr", include=["draft"])
    assert answer.level == "at-nqr:6" and answer.statuses == ["draft", "accepted"]


def test_the_netherlands_nlqf_5_compares_to_portugals_qnq_5(bundled_store):
    [answer] = comparable_levels(bundled_store, "nl-nlqf:5", to="pt-qnq")
    assert (answer.level, answer.strength) == ("pt-qnq:5", "one-to-one")


def test_cyprus_cyqf_6_compares_to_lithuanias_ltqf_6_through_eqf_6(bundled_store):
    [answer] = comparable_levels(bundled_store, "cy-cyqf:6", to="lt-ltqf")
    assert (answer.level, answer.strength, answer.route) == ("lt-ltqf:6", "one-to-one", "via-reference")
    assert answer.via == ["cy-cyqf:6", "eqf:6", "lt-ltqf:6"]
    assert CYQF_DIAGRAM in answer.sources and LT_MINISTRY in answer.sources


def test_lithuanias_ltqf_7_meets_the_three_cyqf_sub_levels_of_level_7(bundled_store):
    # EQF 7 holds CyQF 7a, 7b and 7c, so an LTQF 7 qualification compares to each of them, none of them alone
    answers = {(a.level, a.strength) for a in comparable_levels(bundled_store, "lt-ltqf:7", to="cy-cyqf")}
    assert {level for level, _ in answers} == {"cy-cyqf:7a", "cy-cyqf:7b", "cy-cyqf:7c"}
    assert {strength for _, strength in answers} == {"partial"}


def test_derivation_agrees_with_europass_ireland_estonia_table(bundled_store):
    # Europass's comparison of Ireland and Estonia puts IE NFQ 10 beside EstQF 8, NFQ 9 beside EstQF 7, and NFQ 7
    # and 8 beside EstQF 6 (the EQF rows 8, 7 and 6).
    def answers(level):
        return {(a.level, a.strength) for a in comparable_levels(bundled_store, level, to="ie-nfq")}

    assert answers("ee-estqf:8") == {("ie-nfq:10", "one-to-one")}
    assert answers("ee-estqf:7") == {("ie-nfq:9", "one-to-one")}
    assert answers("ee-estqf:6") == {("ie-nfq:7", "partial"), ("ie-nfq:8", "partial")}


def test_greeces_hqf_6_compares_to_austrias_nqr_6_through_eqf_6(bundled_store):
    [answer] = comparable_levels(bundled_store, "gr-hqf:6", to="at-nqr")
    assert (answer.level, answer.strength, answer.route) == ("at-nqr:6", "one-to-one", "via-reference")
    assert answer.via == ["gr-hqf:6", "eqf:6", "at-nqr:6"]
    assert HQF_LEVELS_TABLE in answer.sources and NQR_REGISTER in answer.sources


def test_italys_qnq_4_compares_to_greeces_hqf_4_through_eqf_4(bundled_store):
    [answer] = comparable_levels(bundled_store, "it-qnq:4", to="gr-hqf")
    assert (answer.level, answer.strength, answer.route) == ("gr-hqf:4", "one-to-one", "via-reference")
    assert answer.via == ["it-qnq:4", "eqf:4", "gr-hqf:4"]
    assert GU_QNQ_ART3 in answer.sources and HQF_LEVELS_TABLE in answer.sources


def test_liechtensteins_draft_decisions_are_used_only_when_drafts_are_asked_for(bundled_store):
    assert comparable_levels(bundled_store, "li-nqfl:6", to="ch-nqf-vpq") == []
    [answer] = comparable_levels(bundled_store, "li-nqfl:6", to="ch-nqf-vpq", include=["draft"])
    assert answer.level == "ch-nqf-vpq:6" and answer.statuses == ["draft", "accepted"]


def test_slovenias_draft_decisions_are_used_only_when_drafts_are_asked_for(bundled_store):
    # nok.si's table: SOK 4 and SOK 5 both at EQF 4, so each meets Greece's HQF 4 (one HQF level, two SOK levels)
    assert comparable_levels(bundled_store, "si-sqf:5", to="gr-hqf") == []
    [answer] = comparable_levels(bundled_store, "si-sqf:5", to="gr-hqf", include=["draft"])
    assert answer.level == "gr-hqf:4" and answer.statuses == ["draft", "accepted"]
    assert answer.via == ["si-sqf:5", "eqf:4", "gr-hqf:4"]
    assert comparable_levels(bundled_store, "si-sqf:8", to="gr-hqf", include=["draft"]) == []


def test_denmarks_draft_decisions_put_two_danish_levels_beside_austrias_nqr_2(bundled_store):
    assert comparable_levels(bundled_store, "dk-dkqf:1", to="at-nqr") == []
    [answer] = comparable_levels(bundled_store, "dk-dkqf:1", to="at-nqr", include=["draft"])
    assert (answer.level, answer.statuses) == ("at-nqr:2", ["draft", "accepted"])
    assert answer.via == ["dk-dkqf:1", "eqf:2", "at-nqr:2"]
    assert UFM_LEVEL_1 in answer.sources
    # from the Austrian side, EQF 2 holds Danish levels 1 and 2: each compares, neither alone
    answers = {(a.level, a.strength) for a in comparable_levels(bundled_store, "at-nqr:2", to="dk-dkqf",
                                                                  include=["draft"])}
    assert {level for level, _ in answers} == {"dk-dkqf:1", "dk-dkqf:2"}
    assert {strength for _, strength in answers} == {"partial"}


def test_finlands_finqf_6_compares_to_denmarks_level_6_only_when_drafts_are_asked_for(bundled_store):
    assert comparable_levels(bundled_store, "fi-finqf:6", to="dk-dkqf") == []
    [answer] = comparable_levels(bundled_store, "fi-finqf:6", to="dk-dkqf", include=["draft"])
    assert (answer.level, answer.strength, answer.statuses) == ("dk-dkqf:6", "one-to-one", ["draft", "draft"])
    assert FINLEX_ANNEX in answer.sources


def test_a_flemish_bachelor_level_compares_to_the_french_communitys_level_6_only_when_drafts_are_asked_for(bundled_store):
    assert comparable_levels(bundled_store, "be-vks:6", to="be-cfc") == []
    [answer] = comparable_levels(bundled_store, "be-vks:6", to="be-cfc", include=["draft"])
    assert (answer.level, answer.strength, answer.statuses) == ("be-cfc:6", "one-to-one", ["draft", "draft"])
    assert answer.via == ["be-vks:6", "eqf:6", "be-cfc:6"]
    assert NUFFIC_FLEMISH_DIPLOMAS in answer.sources and NUFFIC_FRANCOPHONE_DIPLOMAS in answer.sources
    # VKS 5 (the Gegradueerde) has a decision; CFC 5 has none, so VKS 5 meets no CFC level
    assert comparable_levels(bundled_store, "be-vks:5", to="be-cfc", include=["draft"]) == []
    [nqr] = comparable_levels(bundled_store, "be-vks:5", to="at-nqr", include=["draft"])
    assert nqr.level == "at-nqr:5" and nqr.statuses == ["draft", "accepted"]
