"""Linked data for the recognition records.

As someone who follows a link to a competency standard, a unit, an agreement or a roadmap step, I get a page for
people and RDF for programs, like every other qualgraph IRI: a standard lists its units, a unit the decisions
about it, an agreement its parties, documents and roadmap progress.
"""

from __future__ import annotations

import httpx
from rdflib import Graph, Literal, URIRef

from qualgraph.vocab import DCTERMS, QG, QGID


def get(service, path: str, **params: str) -> httpx.Response:
    return httpx.get(service.url + path, params=params, timeout=30, headers={"Accept": "text/html"})


def turtle(service, path: str) -> Graph:
    response = httpx.get(service.url + path, headers={"Accept": "text/turtle"}, timeout=30)
    assert response.status_code == 200, response.text
    return Graph().parse(data=response.text, format="turtle")


def test_a_standard_lists_its_units(bundled_service):
    page = get(bundled_service, "/id/standard/ph-tesda-masonry-nc2")
    assert page.status_code == 200
    assert "Lay concrete hollow block for structure" in page.text and "Plaster wall surface" in page.text
    graph = turtle(bundled_service, "/id/standard/ph-tesda-masonry-nc2")
    assert (QGID["standard/ph-tesda-masonry-nc2"], QG.hasUnit, QGID["unit/ph-tesda-masonry-nc2/CON711318"]) in graph


def test_a_unit_says_what_it_is_part_of(bundled_service):
    graph = turtle(bundled_service, "/id/unit/ph-tesda-masonry-nc2/CON711318")
    unit = QGID["unit/ph-tesda-masonry-nc2/CON711318"]
    assert (unit, DCTERMS.identifier, Literal("CON711318")) in graph
    assert (unit, DCTERMS.isPartOf, QGID["standard/ph-tesda-masonry-nc2"]) in graph


def test_an_agreement_shows_its_parties_sources_and_roadmap_progress(bundled_service):
    page = get(bundled_service, "/id/agreement/mrs-th-clm-construction")
    assert page.status_code == 200
    assert "KH" in page.text and "WCMS_713738" in page.text
    assert "/id/agreement/mrs-th-clm-construction/progress/5" in page.text  # what links to it
    graph = turtle(bundled_service, "/id/agreement/mrs-th-clm-construction/progress/5")
    progress = QGID["agreement/mrs-th-clm-construction/progress/5"]
    assert (progress, QG.roadmapStep, QGID["roadmap/mrs/step/5"]) in graph
    assert (progress, QG.progressStatus, Literal("done")) in graph


def test_a_roadmap_step_and_a_qualification_dereference(bundled_service):
    step = get(bundled_service, "/id/roadmap/mrs/step/7b")
    assert step.status_code == 200 and "Level-to-level referencing" in step.text
    graph = turtle(bundled_service, "/id/qualification/ph-pqf/masonry-nc2")
    qualification = QGID["qualification/ph-pqf/masonry-nc2"]
    assert (qualification, QG.occupation, URIRef("http://data.europa.eu/esco/isco/C7112")) in graph
    assert (qualification, QG.atLevel, QGID["framework/ph-pqf/level/2"]) in graph
