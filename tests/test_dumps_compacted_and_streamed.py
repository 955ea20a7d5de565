"""The JSON-LD dump reads as plain JSON, and no dump is held in memory whole.

As a data engineer I download ``/dumps/qualgraph.jsonld.gz`` and read it with an ordinary JSON library: each
record is an object with ``id``, ``type`` and short property names (``prefLabel: {"en": ...}``, ``inScheme``),
compacted with the context the service publishes at ``/context.jsonld``, which my JSON-LD processor (rdflib)
fetches from the URL the dump names, and then reads exactly the quads the store holds. Awkward values
(a label without a language, a typed literal where a language is expected, blank nodes, the default graph)
keep their full form, so nothing is lost. The service writes each dump once per version of the store, graph by
graph, into a file under the store's directory, and streams it from there; a write makes new files and removes
the old ones. Real uvicorn on loopback, an on-disk store; httpx, rdflib and pyoxigraph as the readers.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import Dataset
from service_support import running_service

from qualgraph.publishing.dataset import DUMPS_FOLDER, dump
from qualgraph.store import EmbeddedStore

DATA = Path(__file__).parent / "fixtures" / "sparql" / "ie-nfq-eqf.trig"
ADMIN = "dump-admin"
AWKWARD = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
<https://example.org/a> a skos:Concept, ex:Thing ;
    skos:prefLabel "plain", "Niveau 5"@fr, "typed"^^xsd:token, "Level 5"@en-GB ;
    skos:notation "5"^^xsd:integer, "five" ;
    skos:inScheme ex:scheme, "not an IRI" ;
    dcterms:identifier ex:not-a-literal ;
    ex:weird-local.name "x" ;
    ex:number 1.5e0 ;
    ex:blank [ skos:note "inside"@en ; a [ skos:prefLabel "type as a blank node" ] ] .
"""


def _quads(quads) -> set[str]:
    return {" ".join("_:b" if isinstance(t, ox.BlankNode) else str(t)
                     for t in (q.subject, q.predicate, q.object, q.graph_name)) for q in quads}


def test_awkward_values_keep_their_full_form_and_read_back_as_they_were():
    store = EmbeddedStore(None)
    store.write_graph("https://example.org/graph/awkward", AWKWARD.encode(), ox.RdfFormat.TURTLE)
    store.update('INSERT DATA { <https://example.org/in-default> <https://example.org/p> "in the default graph" }')
    body, _ = dump(store, "qualgraph.jsonld.gz")  # no context URL: the context is written in
    document = json.loads(gzip.decompress(body))
    assert document["@graph"][0]["id"] == "https://example.org/in-default"  # the default graph's nodes first
    named = next(g for g in document["@graph"] if g.get("id") == "https://example.org/graph/awkward")
    record = next(n for n in named["@graph"] if n["id"] == "https://example.org/a")
    assert record["prefLabel"] == {"fr": "Niveau 5", "en-gb": "Level 5"}  # pyoxigraph writes tags in lower case
    assert sorted(record["skos:prefLabel"], key=str) == [  # no language: the full form, under the compact IRI
        "plain", {"@value": "typed", "@type": "http://www.w3.org/2001/XMLSchema#token"}]
    assert record["inScheme"] == "https://example.org/scheme" and record["skos:inScheme"] == "not an IRI"
    assert "Concept" in record["type"]
    parsed = ox.parse(gzip.decompress(body), format=ox.RdfFormat.JSON_LD)
    assert _quads(parsed) == _quads(ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))
    store.close()


def test_the_dump_names_the_published_context_and_is_written_once_per_version_under_the_store(tmp_path):
    store = tmp_path / "store"
    with running_service(store, data=[DATA], admin_token=ADMIN) as service:
        answer = httpx.get(f"{service.url}/dumps/qualgraph.jsonld.gz")
        assert answer.status_code == 200 and int(answer.headers["content-length"]) == len(answer.content)
        document = json.loads(gzip.decompress(answer.content))
        assert document["@context"] == f"{service.url}/context.jsonld"
        level = next(n for g in document["@graph"] for n in g.get("@graph", [])
                     if n["id"] == "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8")
        assert level["type"] == "Level" and level["prefLabel"]["en"]
        # a JSON-LD processor fetches the context from the URL and reads what the store holds
        read = Dataset()
        read.parse(data=gzip.decompress(answer.content).decode(), format="json-ld")
        as_read = ox.parse(read.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
        assert _quads(as_read) == _quads(ox.parse(DATA.read_bytes(), format=ox.RdfFormat.TRIG))
        files = sorted(p.name for p in (store / DUMPS_FOLDER).iterdir())
        assert len(files) == 1 and files[0].endswith("-qualgraph.jsonld.gz")
        assert (store / DUMPS_FOLDER / files[0]).read_bytes() == answer.content  # sent from the file
        again = httpx.get(f"{service.url}/dumps/qualgraph.jsonld.gz")
        assert again.content == answer.content and sorted(p.name for p in (store / DUMPS_FOLDER).iterdir()) == files
        written = httpx.put(f"{service.url}/store", params={"graph": "https://example.org/graph/note"},
                            content=b'<https://example.org/a> <https://example.org/b> "c" .',
                            headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"})
        assert written.status_code == 201
        after = httpx.get(f"{service.url}/dumps/qualgraph.jsonld.gz")
        assert b"https://example.org/graph/note" in gzip.decompress(after.content)
        assert [p.name for p in (store / DUMPS_FOLDER).iterdir()] != files  # the old version's file is gone
        assert len(list((store / DUMPS_FOLDER).iterdir())) == 1
        head = httpx.head(f"{service.url}/dumps/qualgraph.nq.gz")
        assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0
