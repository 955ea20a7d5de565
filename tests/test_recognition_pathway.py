"""The recognition pathway: everything at once for a worker and a destination.

As a Philippine warehouse worker with a Warehousing Services NC II who wants to work in Thailand, I open one page
and see what my qualification compares to there, which agreements apply and how far they are — the MRS logistics
corridor of the Philippines, Thailand and Viet Nam, with its roadmap — and, said plainly, what is not known yet:
Thailand's framework has no levels recorded, the Philippine referencing to the AQRF has no level table here, and
nobody has benchmarked my units. A Philippine civil engineer going to Thailand sees the ASEAN MRA on Engineering
Services. The same answer comes from the command line, the JSON API and the page (in a real browser).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from conftest import PROJECT

from qualgraph.cli import main
from qualgraph.ids import InvalidId
from qualgraph.loading import load_paths
from qualgraph.recognition.pathway import recognition_pathway
from qualgraph.store import EmbeddedStore

COMPARABLE = Path(__file__).parent / "fixtures" / "recognition" / "comparable"
WAREHOUSING = "ph-pqf:warehousing-services-nc2"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_a_warehouse_worker_going_to_thailand_sees_the_logistics_corridor_and_its_roadmap(bundled_store):
    p = recognition_pathway(bundled_store, WAREHOUSING, "TH")
    agreements = {a.agreement: a for a in p.agreements}
    corridor = agreements["mrs-ph-th-vn-logistics"]
    assert corridor.kind == "mrs-corridor"
    assert "Stock clerks (ISCO 4321)" in corridor.why and "PH and TH are both parties" in corridor.why
    assert [(s.step, s.status) for s in corridor.progress][:2] == [("1", "done"), ("2", "not recorded")]
    assert [s.step for s in corridor.progress] == ["1", "2", "3", "4", "5", "6", "7a", "7b"]
    assert corridor.sources and all(s.startswith("http") for s in corridor.sources)
    assert "asean-guiding-principles-2016" in agreements
    assert not any(a.kind == "mra" for a in p.agreements)  # no MRA covers warehouse work
    assert "mrs-th-clm-construction" not in agreements  # the Philippines is not a party


def test_what_is_missing_is_said_plainly(bundled_store):
    missing = recognition_pathway(bundled_store, WAREHOUSING, "TH").missing
    assert any("(th-nqf) has no levels recorded here" in m for m in missing)
    assert any("(ph-pqf) was referenced to" in m and "(accepted 2019-05-22) but no level table is recorded here" in m
               for m in missing)
    assert any("no benchmarking of ph-pqf:warehousing-services-nc2's units" in m for m in missing)
    assert any(m.startswith("mrs-ph-th-vn-logistics: steps 2, 3") for m in missing)


def test_a_civil_engineer_going_to_thailand_sees_the_engineering_mra():
    store = EmbeddedStore(None)
    load_paths(store, [PROJECT / "data", COMPARABLE], root=PROJECT)
    p = recognition_pathway(store, "ph-pqf:civil-engineering-bs", "TH")
    (mra,) = [a for a in p.agreements if a.kind == "mra"]
    assert mra.agreement == "asean-mra-engineering"
    assert mra.why == ("its occupations include the qualification's (Civil engineers (ISCO 2142) in Engineering "
                       "professionals (excluding electrotechnology) (ISCO 214)); PH and TH are both parties")
    assert "ASEAN Chartered Professional Engineer" in (mra.register or "")
    assert not any(a.kind == "mrs-corridor" for a in p.agreements)
    store.close()


def test_a_pacific_worker_going_to_australia_sees_pacer_plus_and_palm_only_where_both_are_parties(bundled_store):
    # no Pacific qualification is recorded yet: an Australian one stands in for the direction of travel
    p = recognition_pathway(bundled_store, "au-aqf:CPC33020", "TO")
    assert {a.agreement for a in p.agreements} == {"pacer-plus", "pacer-plus-labour-mobility", "au-palm"}
    p = recognition_pathway(bundled_store, "au-aqf:CPC33020", "NZ")
    assert {a.agreement for a in p.agreements} == {"pacer-plus", "pacer-plus-labour-mobility", "au-nz-frameworks"}


def test_the_destination_is_a_country_code(bundled_store):
    with pytest.raises(InvalidId):
        recognition_pathway(bundled_store, WAREHOUSING, "Thailand")


def test_the_json_answer_has_the_documented_keys(bundled_store):
    data = recognition_pathway(bundled_store, WAREHOUSING, "TH").to_json()
    assert {"qualification", "to", "levels", "qualifications", "agreements", "missing"} <= set(data)
    assert {"agreement", "kind", "title", "parties", "why", "progress", "sources"} <= set(data["agreements"][0])


def test_the_command_line_the_api_and_the_page_agree(bundled_service, bundled_store, bundled_store_path, capsys):
    assert main(["--store", str(bundled_store_path), "pathway", WAREHOUSING, "--to", "TH"]) == 0
    out = capsys.readouterr().out
    assert "mrs-ph-th-vn-logistics (mrs-corridor)" in out and "roadmap: 1 done, 2 not recorded" in out
    assert main(["--store", str(bundled_store_path), "pathway", WAREHOUSING, "--to", "Thailand"]) == 2
    response = httpx.get(f"{bundled_service.url}/api/pathway", params={"qualification": WAREHOUSING, "to": "TH"},
                         timeout=30)
    assert response.status_code == 200
    assert response.json() == recognition_pathway(bundled_store, WAREHOUSING, "TH").to_json()
    page = httpx.get(f"{bundled_service.url}/pathway", params={"qualification": WAREHOUSING, "to": "TH"}, timeout=30)
    assert page.status_code == 200 and "What is missing" in page.text
    unknown = httpx.get(f"{bundled_service.url}/pathway", params={"qualification": "ph-pqf:warehousing", "to": "TH"},
                        timeout=30)
    assert unknown.status_code == 404 and "warehousing-services-nc2" in unknown.text


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_the_pathway_gaps_and_comparable_pages_in_a_browser(bundled_service, tmp_path):
    from test_pages_browser import browse

    dom = browse(f"{bundled_service.url}/pathway?qualification={WAREHOUSING}&to=TH", tmp_path)
    assert "MRS corridor: Philippines, Thailand and Viet Nam in logistics and transportation" in dom
    assert "Identifying areas of skills for mutual recognition" in dom and 'class="roadmap"' in dom
    assert "What is missing" in dom and "no levels recorded here" in dom
    dom = browse(f"{bundled_service.url}/gaps?from=ph-tesda-masonry-nc2&to=au-cpc-training-package", tmp_path)
    assert "Lay concrete hollow block for structure" in dom and "not-benchmarked" in dom
    dom = browse(f"{bundled_service.url}/comparable?qualification=ph-pqf:masonry-nc2&in=AU", tmp_path)
    assert "Same occupation, other level" in dom and "Certificate III in Bricklaying and Blocklaying" in dom


def test_where_levels_are_linked_the_pathway_lists_the_destinations_levels_and_qualifications():
    store = EmbeddedStore(None)
    load_paths(store, [PROJECT / "data", PROJECT / "examples" / "illustrative-aqrf", COMPARABLE], root=PROJECT)
    p = recognition_pathway(store, "ph-pqf:masonry-nc2", "MY", include=["illustrative"])
    assert [lv.level for lv in p.levels] == ["my-mqf:2"]
    assert p.qualifications[0].qualification == "my-mqf:masonry-2"
    assert [c.qualification for c in p.other_levels] == ["my-mqf:masonry-3"]
    assert [a.agreement for a in p.agreements] == ["asean-guiding-principles-2016"]  # no MRA or corridor for masons
    assert p.missing == []  # levels linked, qualifications found, units benchmarked
    store.close()
