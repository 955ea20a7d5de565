"""Level descriptors and qualification types an officer can quote and cite.

User story: as a recognition officer comparing a foreign qualification, I open a level of the bundled data and read
what the framework says a holder at that level knows and can do (its level descriptors, one per descriptor domain, in
the framework's own words) and which kinds of qualification it places there (its qualification types). Each of those
statements names the official document it comes from (``dcterms:source``), and, where that document could only be
read in a copy, the copy it was read in (``prov:wasDerivedFrom``), so that I can cite the authority, not the mirror.

The descriptors are quoted, never paraphrased: the EQF's are the text of Annex II of the Council Recommendation of
22 May 2017 on the European Qualifications Framework (OJ C 189, 15.6.2017); New Zealand's are NZQA's NZQCF level
descriptors in force since 1 July 2025 (seven domains; levels 1-3, the part of NZQA's page that has been read); the
SCQF's are the SCQF Partnership's level descriptors (level 1 as its page gives it; level 3 as the revised level
descriptors of August 2012 give it, read in a copy); the AQF's are the level criteria of the AQF Second Edition
January 2013 (level 2, the one level read whole in a copy of the document); Germany's DQR, bundled as spreadsheet
templates, has dqr.de's level texts, in German (level 1) and in dqr.de's English translation (levels 1-5, 7 and 8), each
level row citing the dqr.de page of the level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from qualgraph import ids
from qualgraph.coverage import source_kind
from qualgraph.validation import validate_graph
from qualgraph.vocab import QG

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = ROOT / "data" / "frameworks"
EQF_RECOMMENDATION = URIRef("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32017H0615(01)")
NZQCF_DESCRIPTORS = URIRef("https://www2.nzqa.govt.nz/qualifications-and-standards/"
                           "about-new-zealand-qualifications-credentials-framework/level-descriptors-nzqcf")
NZQCF_DOMAINS = {"Knowledge", "Practice and performance", "Critical thinking", "Collaboration", "Communication",
                 "Environment", "Autonomy and responsibility"}
SCQF_DESCRIPTORS = URIRef("https://scqf.org.uk/support/credit-rating-bodies/level-descriptors/")
SCQF_CTDL_EXAMPLE = URIRef("https://github.com/CredentialEngine/Schema-Development/blob/"
                        "3caec4d8dce396f475cb27ceb43086658f273a31/QualificationsFramework/Examples/scqf.json")
AQF_2013 = URIRef("https://www.aqf.edu.au/aqf-second-edition-january-2013")
AQF_CERT_II_COPY = URIRef("https://studylib.net/doc/18256849/certificate-ii---australian-qualifications-framework")
AQF_DOMAINS = {"Knowledge", "Skills", "Application of knowledge and skills"}
NFQ_GRID = URIRef("https://qqi.ie/grid-level-indicators")
NFQ_SUB_STRANDS = {"Knowledge: Breadth", "Knowledge: Kind", "Know-how & Skill: Range", "Know-how & Skill: Selectivity",
                   "Competence: Context", "Competence: Role", "Competence: Learning to Learn", "Competence: Insight"}
NZQA_LISTING_RULES = URIRef("https://d3fukx320kx0in.cloudfront.net/about-us/our-role/legislation/nzqa-rules/"
                            "nzqf-related-rules/nzqf-qualification-listing-and-operational-rules/appendix/")


@pytest.fixture(scope="module")
def data() -> Graph:
    g = Graph()
    for path in sorted(FRAMEWORKS.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def descriptor_text(g: Graph, framework: str, level: str, domain: str) -> str:
    d = ids.descriptor_iri(framework, level, domain)
    assert (ids.level_iri(framework, level), QG.hasDescriptor, d) in g, f"{framework} {level} has no {domain} descriptor"
    (value,) = g.objects(d, RDF.value)
    return str(value)


def qualification_types(g: Graph, framework: str, level: str) -> set[str]:
    return {str(g.value(t, SKOS.prefLabel)) for t in g.objects(ids.level_iri(framework, level), QG.hasQualificationType)}


def levels_of(g: Graph, framework: str) -> list[URIRef]:
    return sorted(g.subjects(SKOS.inScheme, ids.framework_iri(framework)))


def domain_labels(g: Graph, framework: str) -> set[str]:
    return {str(g.value(d, SKOS.prefLabel)) for d in g.objects(ids.framework_iri(framework), QG.hasDescriptorDomain)}


def described_domains(g: Graph, framework: str, level: str) -> set[str]:
    return {str(g.value(g.value(d, QG.descriptorDomain), SKOS.prefLabel))
            for d in g.objects(ids.level_iri(framework, level), QG.hasDescriptor)}


# --- what the descriptors say ---------------------------------------------------------------------------------


def test_eqf_level_6_knowledge_descriptor_is_the_recommendations_text(data: Graph) -> None:
    assert descriptor_text(data, "eqf", "6", "Knowledge") == (
        "Advanced knowledge of a field of work or study, involving a critical understanding of theories and principles")


def test_eqf_level_1_is_described_in_all_three_domains_of_annex_ii(data: Graph) -> None:
    assert descriptor_text(data, "eqf", "1", "Knowledge") == "Basic general knowledge"
    assert descriptor_text(data, "eqf", "1", "Skills") == "Basic skills required to carry out simple tasks"
    assert descriptor_text(data, "eqf", "1", "Responsibility and autonomy") == (
        "Work or study under direct supervision in a structured context")


def test_eqf_level_8_responsibility_and_autonomy_is_quoted_in_full(data: Graph) -> None:
    assert descriptor_text(data, "eqf", "8", "Responsibility and autonomy") == (
        "Demonstrate substantial authority, innovation, autonomy, scholarly and professional integrity and sustained "
        "commitment to the development of new ideas or processes at the forefront of work or study contexts including "
        "research")


def test_a_descriptor_given_as_two_statements_keeps_both(data: Graph) -> None:
    """EQF 7's knowledge descriptor is two statements in Annex II; both are there, one per line."""
    assert descriptor_text(data, "eqf", "7", "Knowledge").split("\n") == [
        "Highly specialised knowledge, some of which is at the forefront of knowledge in a field of work or study, as "
        "the basis for original thinking and/or research",
        "Critical awareness of knowledge issues in a field and at the interface between different fields",
    ]


def test_every_eqf_level_has_a_descriptor_in_each_of_its_three_domains(data: Graph) -> None:
    domains = set(data.objects(ids.framework_iri("eqf"), QG.hasDescriptorDomain))
    assert {str(data.value(d, SKOS.prefLabel)) for d in domains} == {
        "Knowledge", "Skills", "Responsibility and autonomy"}
    levels = levels_of(data, "eqf")
    assert len(levels) == 8
    for level in levels:
        described = {data.value(d, QG.descriptorDomain) for d in data.objects(level, QG.hasDescriptor)}
        assert described == domains, f"{level} is not described in every EQF domain"


def test_every_eqf_descriptor_cites_the_2017_recommendation_on_eur_lex(data: Graph) -> None:
    for level in levels_of(data, "eqf"):
        for d in data.objects(level, QG.hasDescriptor):
            assert set(data.objects(d, DCTERMS.source)) == {EQF_RECOMMENDATION}, d
            assert source_kind(str(EQF_RECOMMENDATION)) == "official"


def test_the_pages_the_eqf_text_was_read_in_are_named_apart_from_the_recommendation(data: Graph) -> None:
    """Annex II was read in pages that reproduce it: they are prov:wasDerivedFrom, never the source."""
    d = ids.descriptor_iri("eqf", "4", "Skills")
    copies = set(data.objects(d, PROV.wasDerivedFrom))
    assert copies and EQF_RECOMMENDATION not in copies
    assert not copies & set(data.objects(d, DCTERMS.source))


# --- New Zealand's NZQCF: the descriptors in force since 1 July 2025 ---------------------------------------------


def test_nzqcf_descriptor_domains_are_the_seven_of_nzqas_current_level_descriptors(data: Graph) -> None:
    assert domain_labels(data, "nz-nzqcf") == NZQCF_DOMAINS


def test_nzqcf_levels_1_to_3_are_described_in_each_of_the_seven_domains_citing_nzqas_page(data: Graph) -> None:
    for level in ("1", "2", "3"):
        assert described_domains(data, "nz-nzqcf", level) == NZQCF_DOMAINS, f"nz-nzqcf {level}"
        for d in data.objects(ids.level_iri("nz-nzqcf", level), QG.hasDescriptor):
            assert set(data.objects(d, DCTERMS.source)) == {NZQCF_DESCRIPTORS}, d
    assert source_kind(str(NZQCF_DESCRIPTORS)) == "official"


def test_nzqcf_level_1_is_described_in_nzqas_words(data: Graph) -> None:
    assert descriptor_text(data, "nz-nzqcf", "1", "Knowledge") == (
        "Has knowledge of some facts and information relevant to a field of study")
    assert descriptor_text(data, "nz-nzqcf", "1", "Environment") == "Highly structured environments"
    assert descriptor_text(data, "nz-nzqcf", "1", "Autonomy and responsibility") == (
        "Works or studies mostly under supervision, with limited responsibility for own learning and performance")


def test_nzqcf_level_3_critical_thinking_collaboration_and_autonomy_are_quoted_in_full(data: Graph) -> None:
    assert descriptor_text(data, "nz-nzqcf", "3", "Critical thinking") == (
        "Examines familiar problems or goals and recommends a solution or plan")
    assert descriptor_text(data, "nz-nzqcf", "3", "Collaboration") == (
        "Makes a significant contribution to group or team activities and acknowledges views and experience of others")
    assert descriptor_text(data, "nz-nzqcf", "3", "Autonomy and responsibility") == (
        "Works or studies mostly autonomously with responsibility for own learning and performance")


def test_the_superseded_2011_nzqcf_domains_are_gone(data: Graph) -> None:
    """The 2011 descriptors (knowledge, skills, application) were replaced on 1 July 2025; they are not mixed in."""
    assert not {"Skills", "Application"} & domain_labels(data, "nz-nzqcf")
    assert not [d for d in data.subjects(RDF.type, QG.LevelDescriptor) if "/nz-nzqcf/" in str(d)
                and str(d).rsplit("/", 1)[1] in ("skills", "application")]


# --- Scotland's SCQF ------------------------------------------------------------------------------------------


def test_scqf_level_1_is_described_in_each_of_the_five_characteristics_citing_the_scqf_partnership(data: Graph) -> None:
    domains = domain_labels(data, "uk-scqf")
    assert len(domains) == 5
    assert described_domains(data, "uk-scqf", "1") == domains
    for domain in domains:
        assert descriptor_text(data, "uk-scqf", "1", domain) == (
            "SCQF Level 1 recognises learning development and achievement that ranges from participation in "
            "experiential situations to the achievement of basic tasks, with varying degrees of support.")
        d = ids.descriptor_iri("uk-scqf", "1", domain)
        assert set(data.objects(d, DCTERMS.source)) == {SCQF_DESCRIPTORS}, d
    assert source_kind(str(SCQF_DESCRIPTORS)) == "official"


def test_scqf_level_3_is_described_in_each_characteristic_citing_the_scqf_partnership(data: Graph) -> None:
    """Read in a copy of the 2012 level descriptors: the copy is prov:wasDerivedFrom, the SCQF page the source."""
    assert described_domains(data, "uk-scqf", "3") == domain_labels(data, "uk-scqf")
    for d in data.objects(ids.level_iri("uk-scqf", "3"), QG.hasDescriptor):
        assert set(data.objects(d, DCTERMS.source)) == {SCQF_DESCRIPTORS}, d
        copies = set(data.objects(d, PROV.wasDerivedFrom))
        assert copies and all(source_kind(str(c)) == "copy" for c in copies), d
        assert SCQF_CTDL_EXAMPLE in set(data.objects(d, RDFS.seeAlso)), d


def test_scqf_level_1_read_on_the_official_page_names_no_copy(data: Graph) -> None:
    for d in data.objects(ids.level_iri("uk-scqf", "1"), QG.hasDescriptor):
        assert list(data.objects(d, PROV.wasDerivedFrom)) == [], d


def test_scqf_level_3_descriptors_keep_each_bullet_point_as_a_line(data: Graph) -> None:
    assert descriptor_text(data, "uk-scqf", "3", "Autonomy, accountability and working with others").split("\n") == [
        "Work alone or with others on simple tasks under frequent directive supervision.",
        "Participate in the setting of goals, timelines, etc.",
        "Participate in the review of completed work and the identification of ways of improving practices and "
        "processes.",
        "Identify, given simple criteria, own strengths and weaknesses relative to the work.",
    ]
    assert descriptor_text(data, "uk-scqf", "3", "Knowledge and understanding").split("\n") == [
        "Demonstrate and/or work with:",
        "Basic knowledge.",
        "Simple facts and ideas in, and associated with, a subject/discipline/sector.",
    ]
    assert descriptor_text(data, "uk-scqf", "3", "Communication, ICT and numeracy skills").split("\n") == [
        "Use simple skills, for example:",
        "Produce and respond to simple written and oral communication in familiar/routine contexts.",
        "Carry out simple tasks to process and access information.",
        "Use simple numerical and graphical data in everyday contexts.",
    ]


def test_scqf_levels_whose_text_was_not_read_whole_have_no_descriptor(data: Graph) -> None:
    """Levels 2 and 4 were read whole only in CredentialEngine's example, a data file, not a document copy."""
    for level in ("2", *map(str, range(4, 13))):
        assert list(data.objects(ids.level_iri("uk-scqf", level), QG.hasDescriptor)) == [], level


# --- Australia's AQF: the level criteria of the AQF Second Edition January 2013 ------------------------------------


def test_aqf_descriptor_domains_are_its_three_learning_outcome_domains(data: Graph) -> None:
    assert domain_labels(data, "au-aqf") == AQF_DOMAINS


def test_aqf_level_2_criteria_cite_the_aqf_and_name_the_copy_they_were_read_in(data: Graph) -> None:
    assert described_domains(data, "au-aqf", "2") == AQF_DOMAINS
    for d in data.objects(ids.level_iri("au-aqf", "2"), QG.hasDescriptor):
        assert set(data.objects(d, DCTERMS.source)) == {AQF_2013}, d
        assert set(data.objects(d, PROV.wasDerivedFrom)) == {AQF_CERT_II_COPY}, d
    assert source_kind(str(AQF_2013)) == "official"
    assert source_kind(str(AQF_CERT_II_COPY)) == "copy"


def test_aqf_level_2_criteria_are_the_aqfs_words(data: Graph) -> None:
    assert descriptor_text(data, "au-aqf", "2", "Knowledge") == (
        "Graduates at this level will have basic factual, technical and procedural knowledge of a defined area of work "
        "and learning")
    assert descriptor_text(data, "au-aqf", "2", "Skills").split("\n") == [
        "Graduates at this level will have basic cognitive, technical and communication skills to apply appropriate "
        "methods, tools, materials and readily available information to:",
        "undertake defined activities",
        "provide solutions to a limited range of predictable problems",
    ]
    assert descriptor_text(data, "au-aqf", "2", "Application of knowledge and skills") == (
        "Graduates at this level will apply knowledge and skills to demonstrate autonomy and limited judgement in "
        "structured and stable contexts and within narrow parameters")


def test_aqf_levels_whose_criteria_were_not_read_whole_have_no_descriptor(data: Graph) -> None:
    for level in ("1", *map(str, range(3, 11))):
        assert list(data.objects(ids.level_iri("au-aqf", level), QG.hasDescriptor)) == [], level


# --- Ireland's NFQ: QQI's grid of level indicators ------------------------------------------------------------


def test_nfq_descriptor_domains_are_the_eight_sub_strands_of_qqis_grid(data: Graph) -> None:
    assert domain_labels(data, "ie-nfq") == NFQ_SUB_STRANDS


def test_nfq_levels_1_and_2_are_described_in_each_sub_strand_citing_qqis_grid(data: Graph) -> None:
    for level in ("1", "2"):
        assert described_domains(data, "ie-nfq", level) == NFQ_SUB_STRANDS, f"ie-nfq {level}"
        for d in data.objects(ids.level_iri("ie-nfq", level), QG.hasDescriptor):
            assert set(data.objects(d, DCTERMS.source)) == {NFQ_GRID}, d
    assert source_kind(str(NFQ_GRID)) == "official"


def test_nfq_level_1_and_2_indicators_are_qqis_words(data: Graph) -> None:
    assert descriptor_text(data, "ie-nfq", "1", "Knowledge: Breadth") == "Elementary knowledge"
    assert descriptor_text(data, "ie-nfq", "1", "Competence: Learning to Learn") == (
        "Learn to sequence learning tasks; learn to access and use a range of learning resources")
    assert descriptor_text(data, "ie-nfq", "2", "Know-how & Skill: Range") == (
        "Demonstrate limited range of basic practical skills, including the use of relevant tools")
    assert descriptor_text(data, "ie-nfq", "2", "Competence: Insight") == "Demonstrate awareness of independent role for self"


def test_nfq_levels_whose_indicators_were_not_read_have_no_descriptor(data: Graph) -> None:
    """QQI's page was read whole for its first two blocks only; nothing is filled in for levels 3-10."""
    for level in map(str, range(3, 11)):
        assert list(data.objects(ids.level_iri("ie-nfq", level), QG.hasDescriptor)) == [], level


# --- qualification types --------------------------------------------------------------------------------------


def test_nzqcf_level_8_holds_honours_degrees_and_postgraduate_certificates_and_diplomas(data: Graph) -> None:
    assert qualification_types(data, "nz-nzqcf", "8") == {
        "Post-graduate Certificate", "Post-graduate Diploma", "Bachelor Honours Degree"}


def test_nzqcf_diplomas_sit_at_levels_5_to_7_and_certificates_at_1_to_6(data: Graph) -> None:
    with_diploma = {lv for lv in map(str, range(1, 11)) if "Diploma" in qualification_types(data, "nz-nzqcf", lv)}
    with_certificate = {lv for lv in map(str, range(1, 11))
                        if "Certificate" in qualification_types(data, "nz-nzqcf", lv)}
    assert with_diploma == {"5", "6", "7"}
    assert with_certificate == {"1", "2", "3", "4", "5", "6"}


def test_every_bundled_nzqcf_level_has_a_qualification_type_from_nzqas_listing_rules(data: Graph) -> None:
    levels = levels_of(data, "nz-nzqcf")
    assert len(levels) == 10
    for level in levels:
        types = list(data.objects(level, QG.hasQualificationType))
        assert types, f"{level} has no qualification type"
        for t in types:
            assert NZQA_LISTING_RULES in set(data.objects(t, DCTERMS.source)), t


def test_a_micro_credential_is_not_recorded_as_a_qualification_type(data: Graph) -> None:
    names = {str(o) for t in data.subjects(RDF.type, QG.QualificationType) for o in data.objects(t, SKOS.prefLabel)}
    assert not any("micro" in n.lower() for n in names)


# --- Germany's DQR: the spreadsheet templates, as `qualgraph load data/` builds them -----------------------------

DQR_DOMAINS = {"niveauindikator", "wissen", "fertigkeiten", "sozialkompetenz", "selbstaendigkeit"}
DQR_LEVEL_1_DE = URIRef("https://dqr.de/dqr/de/der-dqr/dqr-niveaus/niveau-1/niveau-1_node.html")
DQR_LEVEL_1_EN = URIRef("https://www.dqr.de/content_en/2331.php")


@pytest.fixture(scope="module")
def dqr(bundled_store) -> Graph:
    """The graphs of the DQR's templates in the bundled store."""
    from qualgraph.ids import graph_iri

    g = Graph()
    for name in ("frameworks.csv", "levels.csv", "dqr-domains.csv"):
        for triple in bundled_store.graph_triples(graph_iri(f"data/templates/{name}")):
            g.add(triple)
    return g


def dqr_text(g: Graph, level: str, domain: str, lang: str) -> str:
    """The descriptor's text in one language, its statements (lines of the template cell) as whitespace-separated
    words."""
    d = ids.descriptor_iri("de-dqr", level, domain)
    assert (ids.level_iri("de-dqr", level), QG.hasDescriptor, d) in g, f"de-dqr {level} has no {domain} descriptor"
    (value,) = [v for v in g.objects(d, RDF.value) if v.language == lang]
    return " ".join(str(value).split())


def test_dqr_level_1_is_described_in_dqr_de_s_german_words_and_its_english_translation(dqr: Graph) -> None:
    assert dqr_text(dqr, "1", "wissen", "de") == (
        "Über elementares allgemeines Wissen verfügen. Einen ersten Einblick in einen Lern- oder Arbeitsbereich haben.")
    assert dqr_text(dqr, "1", "selbstaendigkeit", "de") == (
        "Unter Anleitung lernen oder arbeiten. Das eigene und das Handeln anderer einschätzen und Lernberatung annehmen.")
    assert dqr_text(dqr, "1", "niveauindikator", "en") == (
        "Level 1 describes the competences required for the fulfilment of simple requirements within a clearly and "
        "well-structured area of study or work. Fulfilment of tasks takes place under supervision.")
    assert dqr_text(dqr, "1", "wissen", "en") == (
        "Be in possession of elementary general knowledge. Have an initial insight into a field of study or work.")
    level = ids.level_iri("de-dqr", "1")
    assert {DQR_LEVEL_1_DE, DQR_LEVEL_1_EN} <= set(dqr.objects(level, DCTERMS.source))
    assert Literal("Niveau 1", lang="de") in set(dqr.objects(level, SKOS.prefLabel))


def test_dqr_levels_are_described_in_all_five_parts_or_not_at_all_citing_dqr_de(dqr: Graph) -> None:
    """Level 6's text was not read whole on dqr.de, so it has none; every other level has the level indicator and the
    four parts of the DQR matrix, and a level described in a language is described in every part in it."""
    described = set()
    for n in range(1, 9):
        level = ids.level_iri("de-dqr", str(n))
        descriptors = set(dqr.objects(level, QG.hasDescriptor))
        if not descriptors:
            continue
        described.add(n)
        assert {str(d).rsplit("/", 1)[1] for d in descriptors} == DQR_DOMAINS, n
        languages = [{v.language for v in dqr.objects(d, RDF.value)} for d in descriptors]
        assert all(langs == languages[0] for langs in languages), n
        assert any(source_kind(str(u)) == "official" and "dqr.de" in str(u) for u in dqr.objects(level, DCTERMS.source))
    assert described == {1, 2, 3, 4, 5, 7, 8}


# --- rules for every descriptor and qualification type ---------------------------------------------------------


def test_every_descriptor_and_qualification_type_cites_a_source(data: Graph) -> None:
    nodes = [*data.subjects(RDF.type, QG.LevelDescriptor), *data.subjects(RDF.type, QG.QualificationType)]
    assert nodes
    uncited = [str(n) for n in nodes if not list(data.objects(n, DCTERMS.source))]
    assert uncited == []


def test_no_descriptor_or_qualification_type_cites_a_copy_as_its_source(data: Graph) -> None:
    nodes = [*data.subjects(RDF.type, QG.LevelDescriptor), *data.subjects(RDF.type, QG.QualificationType)]
    cited_copies = [(str(n), str(u)) for n in nodes for u in data.objects(n, DCTERMS.source)
                    if source_kind(str(u)) in ("copy", "secondary")]
    assert cited_copies == []


def test_every_descriptor_belongs_to_a_domain_of_its_own_framework_and_has_language_tagged_text(data: Graph) -> None:
    for level, d in data.subject_objects(QG.hasDescriptor):
        framework = data.value(level, SKOS.inScheme)
        domain = data.value(d, QG.descriptorDomain)
        assert (framework, QG.hasDescriptorDomain, domain) in data, d
        (value,) = data.objects(d, RDF.value)
        assert isinstance(value, Literal) and value.language, d


def test_a_described_level_is_described_in_every_domain_of_its_framework(data: Graph) -> None:
    """No level is described in only some of its framework's domains: a source is quoted level by level, in full."""
    for level in set(data.subjects(QG.hasDescriptor, None)):
        framework = data.value(level, SKOS.inScheme)
        domains = set(data.objects(framework, QG.hasDescriptorDomain))
        described = {data.value(d, QG.descriptorDomain) for d in data.objects(level, QG.hasDescriptor)}
        assert described == domains, level


def test_every_descriptor_cites_an_official_source(data: Graph) -> None:
    for d in data.subjects(RDF.type, QG.LevelDescriptor):
        assert any(source_kind(str(u)) == "official" for u in data.objects(d, DCTERMS.source)), d


def test_a_level_has_at_most_one_descriptor_per_domain(data: Graph) -> None:
    for level in set(data.subjects(QG.hasDescriptor, None)):
        domains = [data.value(d, QG.descriptorDomain) for d in data.objects(level, QG.hasDescriptor)]
        assert len(domains) == len(set(domains)), level


def test_qualification_types_follow_the_iri_scheme_of_their_level(data: Graph) -> None:
    for level, t in data.subject_objects(QG.hasQualificationType):
        assert str(t).startswith(f"{level}/type/"), t
        assert str(t).rsplit("/", 1)[1] == ids.slugify(str(data.value(t, SKOS.prefLabel)))



def test_a_name_in_its_own_language_keeps_its_words_in_the_iri(data: Graph) -> None:
    """A type or domain named in Estonian, Italian or Swedish keeps its letters, less their accents, in its IRI; a name
    in another script gets a distinct slug of its own rather than an empty one."""
    assert ids.slugify("Autonomia e responsabilità") == "autonomia-e-responsabilita"
    assert ids.slugify("Põhikooli lõputunnistus") == "pohikooli-loputunnistus"
    assert ids.slugify("Selbständigkeit und Straße") == "selbstandigkeit-und-strasse"
    assert ids.slugify("Επίπεδο 5") != ids.slugify("Επίπεδο 6")
    assert ids.check_slug(ids.slugify("ระดับ 5"))
    type_iris = {str(t) for t in data.objects(None, QG.hasQualificationType)}
    assert any(iri.endswith("/type/kvalificerad-yrkeshogskoleexamen") for iri in type_iris)

# --- the shapes say the same to an officer who submits data ------------------------------------------------------


def test_a_qualification_type_without_a_source_is_reported_in_words_an_officer_understands() -> None:
    g = Graph().parse(format="turtle", data="""
        @prefix qg: <https://w3id.org/qualgraph/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/qualgraph/id/framework/xx-nqf/level/8/type/honours-degree> a qg:QualificationType ;
            skos:prefLabel "Honours Degree"@en .""")
    report = validate_graph(g)
    assert not report.conforms
    assert any("qualification type needs at least one source" in f.message for f in report.findings), report.text()


def test_a_qualification_type_given_as_text_on_a_level_is_refused() -> None:
    g = Graph().parse(format="turtle", data="""
        @prefix qg: <https://w3id.org/qualgraph/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <https://w3id.org/qualgraph/id/framework/xx-nqf> a qg:NationalFramework, qg:QualificationsFramework ;
            dcterms:identifier "xx-nqf" ; qg:jurisdiction "XX" ; skos:prefLabel "X NQF"@en ;
            dcterms:source <https://example.org/nqf> .
        <https://w3id.org/qualgraph/id/framework/xx-nqf/level/8> a qg:Level ;
            skos:inScheme <https://w3id.org/qualgraph/id/framework/xx-nqf> ; skos:notation "8" ; qg:rank 8 ;
            skos:prefLabel "Level 8"@en ; dcterms:source <https://example.org/nqf> ;
            qg:hasQualificationType "Honours Degree" .""")
    report = validate_graph(g)
    assert any("qualification-type record" in f.message for f in report.findings), report.text()


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_the_framework_files_with_descriptors_and_types_conform_to_the_shapes(engine: str) -> None:
    g = Graph()
    for name in ("eqf.ttl", "nz-nzqcf.ttl", "uk-scqf.ttl", "ie-nfq.ttl", "au-aqf.ttl"):
        g.parse(FRAMEWORKS / name, format="turtle")
    report = validate_graph(g, engine=engine)
    assert report.conforms, report.text()
