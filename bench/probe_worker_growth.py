"""Probe: does a query worker's memory grow with the number of writes at 10M triples (issue 15: "never grows
with the number of writes")? ``qualgraph serve`` (default settings: disk, one process per CPU and a spare) on a copy
of the store given; a Graph Store PUT of 20 triples, then 8 heavy queries, repeated; the resident MiB of each
worker printed every 20 writes.

    cp -r bench/out/store-10000000 /tmp/st && python bench/probe_worker_growth.py /tmp/st 100
"""
import sys
sys.path.insert(0, "/work/main/bench"); sys.path.insert(0, "/work/main/src")
from pathlib import Path
import httpx
from bench_http import free_port, start_qualgraph, stop, wait_for, wait_until_idle, process_memory, ADMIN_TOKEN
from qualgraph import ids
from qualgraph.queries import load_query, with_values
HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
store = Path(sys.argv[1]); writes = int(sys.argv[2])
port = free_port(); p = start_qualgraph(store, port)
wait_for(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", p, timeout=300); wait_until_idle(p.pid)
c = httpx.Client(timeout=60)
H = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
def workers():
    return [round(x["rss_mib"]) for x in process_memory(p.pid) if x["process"] == "query worker"]
print("start", workers(), flush=True)
for n in range(1, writes + 1):
    body = "".join(f"<urn:x-growth:s{n}> <urn:x-growth:p{i}> \"write {n} {i}\" .\n" for i in range(20))
    r = c.put(f"http://127.0.0.1:{port}/store?graph=urn:x-growth:g", content=body, headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code in (201, 204), r.text
    for _ in range(8):
        c.post(f"http://127.0.0.1:{port}/sparql", content=HEAVY, headers=H)
    if n % 20 == 0:
        print(f"after {n} writes", workers(), flush=True)
stop(p)
