"""The ``qualgraph`` command. Thin: every command calls the same domain functions as the web service."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import Settings

if TYPE_CHECKING:
    from .store import GraphStore

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"store": args.store} if getattr(args, "store", None) else {}
    return Settings(**overrides)


def _open(args: argparse.Namespace, read_only: bool = False):
    from .store import open_store

    return open_store(_settings(args), read_only=read_only)


def _table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def _csv(headers: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in r] for r in rows])
    return out.getvalue()


def cmd_load(args: argparse.Namespace) -> int:
    from .input_limits import InputLimits
    from .loading import LoadError, describe_progress, load_paths

    def echo(text: str) -> None:
        print(text, file=sys.stderr)

    paths, root = [Path(p) for p in args.paths], Path(args.root) if args.root else None
    if not paths:  # the bundled data, its graphs named as `qualgraph load data/` names them in a checkout
        from .resources import bundled_data_dir

        paths = [bundled_data_dir(_settings(args))]
        root = root or paths[0].parent
    with _open(args) as store:
        try:
            result = load_paths(store, paths, root=root,
                                graph=args.graph, progress=None if args.quiet else describe_progress(echo),
                                input_limits=InputLimits.from_settings(_settings(args)))
        except LoadError as e:
            print(f"qualgraph load: {e}", file=sys.stderr)
            return EXIT_FAILED
        if not args.quiet:
            for g in result.graphs:
                print(f"{'replaced' if g.replaced else 'loaded  '} {g.source}  ->  <{g.graph}>")
        print(f"{len(result.graphs)} source(s), store now holds {result.quads_after} quads "
              f"({result.quads_added:+d}) in {result.seconds:.2f} s")
    return EXIT_OK


def cmd_frameworks(args: argparse.Namespace) -> int:
    from .frameworks import framework_overview

    with _open(args, read_only=True) as store:
        overview = framework_overview(store)
    if args.format == "json":
        print(json.dumps([f.to_json() for f in overview], indent=2, ensure_ascii=False))
        return EXIT_OK
    headers = ["id", "title", "kind", "jurisdiction", "levels", "referencing"]
    rows = [[f.id, f.title, f.kind, f.jurisdiction, f.levels, "; ".join(a.summary() for a in f.alignments)] for f in overview]
    if not rows:
        print("the store is empty: load the bundled data with `qualgraph load`", file=sys.stderr)
    print(_csv(headers, rows) if args.format == "csv" else _table(headers, rows), end="" if args.format == "csv" else "\n")
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import HEADERS, coverage, markdown, table_rows

    with _open(args, read_only=True) as store:
        cov = coverage(store)
    if not cov.frameworks:
        print("the store is empty: load the bundled data with `qualgraph load`", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(cov.to_json(), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(markdown(cov), end="")
    elif args.format == "csv":
        print(_csv(HEADERS, table_rows(cov)), end="")
    else:
        print(_table(HEADERS, table_rows(cov)))
    return EXIT_OK


def _named_like(store: GraphStore, level: str, to: str | None) -> list[str]:
    """Ids whose titles or acronyms match what was typed (``"Irish 8"``, ``nfq:8``, ``--to scottish``): the
    search of the pages (:mod:`qualgraph.publishing.search`), for "did you mean"."""
    from .ids import InvalidId, LevelId, framework_iri
    from .publishing.search import did_you_mean, search_index

    known = search_index(store).by_iri
    found: list[str] = []
    try:
        level_known = str(LevelId.parse(level).iri) in known
    except InvalidId:
        level_known = False
    if not level_known:
        found += did_you_mean(store, level, {"level"})
    if to:
        try:
            to_known = str(framework_iri(to)) in known
        except InvalidId:
            to_known = False
        if not to_known:
            found += did_you_mean(store, to, {"framework"})
    return list(dict.fromkeys(found))


def cmd_equivalences(args: argparse.Namespace) -> int:
    from .comparability import comparable_levels
    from .ids import InvalidId, UnknownId

    include = _include(args)
    try:
        with _open(args, read_only=True) as store:
            try:
                answers = comparable_levels(store, args.level, to=args.to, include=include)
            except (InvalidId, UnknownId) as e:
                named = _named_like(store, args.level, args.to)
                raise type(e)(str(e), named + [s for s in e.suggestions if s not in named]) \
                    if isinstance(e, UnknownId) else UnknownId(str(e), named) if named else e
    except InvalidId as e:
        print(f"qualgraph equivalences: {e}", file=sys.stderr)
        return EXIT_USAGE
    except UnknownId as e:
        hint = f"; did you mean {', '.join(e.suggestions[:5])}?" if e.suggestions else ""
        print(f"qualgraph equivalences: {e}{hint}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as e:
        print(f"qualgraph equivalences: {e}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps([a.to_json() for a in answers], indent=2, ensure_ascii=False))
        return EXIT_OK
    headers = ["framework", "level", "label", "strength", "route", "via", "status", "sources"]
    rows = [[a.framework, a.level or "(none)", a.label, a.strength, a.route, " > ".join(a.via),
             "+".join(sorted(set(a.statuses))), " ".join(a.sources)]
            for a in answers]
    if args.format == "csv":
        print(_csv(headers, rows), end="")
    elif not rows:
        target = f" in {args.to}" if args.to else ""
        statuses = ", ".join(["accepted", *include])
        print(f"no {statuses} decision links {args.level} to a level{target}")
    else:
        print(_table(headers[:-1], [r[:-1] for r in rows]))
        if any(set(a.statuses) - {"accepted"} for a in answers):
            print("\nnote: answers whose status is not 'accepted' rest on decisions that are not (or not yet) official;"
                  " 'illustrative' ones are made-up examples")
        print("\nsources:")
        for src in sorted({s for a in answers for s in a.sources}):
            print(f"  {src}")
    return EXIT_OK


def _recognition_error(command: str, e: Exception) -> int:
    """The CLI's answer to a bad id or status: the message, the closest ids, exit code 2."""
    from .ids import UnknownId

    hint = f"; did you mean {', '.join(e.suggestions[:5])}?" if isinstance(e, UnknownId) and e.suggestions else ""
    print(f"qualgraph {command}: {e}{hint}", file=sys.stderr)
    return EXIT_USAGE


def _include(args: argparse.Namespace) -> list[str]:
    """``--include draft,superseded``: the statuses of decisions to use besides the accepted ones."""
    return [s.strip() for s in (args.include or "").split(",") if s.strip()]


def _recognition_answer(args: argparse.Namespace, command: str, ask: Callable[[GraphStore], Any]) -> Any:
    """One recognition question asked of the store: its answer, or the exit code once an unknown or malformed id
    has been reported, or once the answer has been printed as JSON (``--format json``)."""
    from .ids import InvalidId, UnknownId

    try:
        with _open(args, read_only=True) as store:
            answer = ask(store)
    except (InvalidId, UnknownId, ValueError) as e:
        return _recognition_error(command, e)
    if args.format == "json":
        print(json.dumps(answer.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    return answer


def cmd_gaps(args: argparse.Namespace) -> int:
    from .recognition.gaps import gap_analysis

    include = _include(args)
    answer = _recognition_answer(args, "gaps", lambda store: gap_analysis(store, args.standard, args.to, include=include))
    if isinstance(answer, int):
        return answer
    headers = ["unit", "title", "outcome", "matches", "route", "via", "status"]
    rows = [[u.unit, u.title, u.outcome, " ".join(m.unit or "(none)" for m in u.matches),
             " ".join(sorted({m.route for m in u.matches})), " | ".join(" > ".join(m.via) for m in u.matches),
             "+".join(sorted({s for m in u.matches for s in m.statuses}))] for u in answer.units]
    if args.format == "csv":
        print(_csv(headers, rows), end="")
        return EXIT_OK
    print(f"{answer.from_} ({answer.from_title}) against {answer.to} ({answer.to_title})\n")
    print(_table(headers, rows))
    print("\n" + ", ".join(f"{n} {o}" for o, n in answer.counts.items()))
    if answer.unmatched:
        print(f"\nunits of {answer.to} that no unit of {answer.from_} matches:")
        for u in answer.unmatched:
            print(f"  {u}  {answer.unmatched_titles.get(u) or ''}".rstrip())
    if any(set(m.statuses) - {"accepted"} for u in answer.units for m in u.matches):
        print("\nnote: matches whose status is not 'accepted' rest on decisions that are not (or not yet) official;"
              " 'illustrative' ones are made-up examples")
    sources = sorted({s for u in answer.units for m in u.matches for s in m.sources})
    if sources:
        print("\nsources:")
        for src in sources:
            print(f"  {src}")
    return EXIT_OK


def cmd_comparable(args: argparse.Namespace) -> int:
    from .recognition.comparable import comparable_qualifications

    include = _include(args)
    answer = _recognition_answer(args, "comparable", lambda store: comparable_qualifications(store, args.qualification, in_=args.in_, include=include))
    if isinstance(answer, int):
        return answer
    headers = ["qualification", "title", "level", "score", "reasons"]
    rows = [[c.qualification, c.title, c.level, " ".join(f"{x:g}" for x in c.score), "; ".join(c.reasons)]
            for c in answer.comparable]
    if args.format == "csv":
        print(_csv(headers, rows), end="")
        return EXIT_OK
    where = f" in {args.in_}" if args.in_ else ""
    if rows:
        print(_table(headers, rows))
    else:
        print(f"no qualification{where} is recorded at a level comparable to {', '.join(answer.qualification.levels)}")
    if answer.other_levels:
        print("\nsame occupation, other level:")
        print(_table(headers, [[c.qualification, c.title, c.level, " ".join(f"{x:g}" for x in c.score),
                                "; ".join(c.reasons)] for c in answer.other_levels]))
    return EXIT_OK


def cmd_pathway(args: argparse.Namespace) -> int:
    from .recognition.pathway import recognition_pathway

    include = _include(args)
    p = _recognition_answer(args, "pathway", lambda store: recognition_pathway(store, args.qualification, args.to, include=include))
    if isinstance(p, int):
        return p
    q = p.qualification
    print(f"{q.id}: {q.title} ({', '.join(q.levels)}) from {p.origin or '?'} to {p.to}\n")
    print("comparable levels:")
    for lv in p.levels:
        print(f"  {lv.level}  {lv.strength}  {' > '.join(lv.via)}")
    if not p.levels:
        print("  (none recorded)")
    print("\ncomparable qualifications:")
    for c in p.qualifications:
        print(f"  {c.qualification}  {c.title}: {'; '.join(c.reasons)}")
    if not p.qualifications:
        print("  (none recorded)")
    for c in p.other_levels:
        print(f"  same occupation, other level: {c.qualification}  {c.title} ({c.level})")
    print("\nagreements:")
    for a in p.agreements:
        print(f"  {a.agreement} ({a.kind}): {a.title}\n    why: {a.why}")
        if a.progress:
            print("    roadmap: " + ", ".join(f"{s.step} {s.status}" for s in a.progress))
    if not p.agreements:
        print("  (none recorded)")
    if p.missing:
        print("\nmissing:")
        for m in p.missing:
            print(f"  - {m}")
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from .store import QuerySyntaxError

    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    with _open(args, read_only=True) as store:
        try:
            result = store.query(text)
        except QuerySyntaxError as e:
            print(f"qualgraph query: {e}", file=sys.stderr)
            return EXIT_USAGE
    if result.kind == "ask":
        print("true" if result.boolean else "false")
        return EXIT_OK if result.boolean else EXIT_FAILED
    if result.kind == "graph":
        from .vocab import PREFIXES

        for prefix, iri in PREFIXES.items():
            result.graph.bind(prefix, iri)
        print(result.graph.serialize(format="turtle"))
        return EXIT_OK
    headers = result.variables
    if args.format == "json":
        print(json.dumps([{k: str(v) for k, v in row.items()} for row in result.rows], indent=2, ensure_ascii=False))
        return EXIT_OK
    rows = [[row.get(h) for h in headers] for row in result.rows]
    print(_csv(headers, rows) if args.format == "csv" else _table(headers, rows), end="" if args.format == "csv" else "\n")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files (RDF, templates, zips) as a submission would be checked, without writing anything.

    What the files refer to is looked up in the store when there is one (``--no-store``: the files alone)."""
    from .store import memory_store
    from .submissions import Limits, SubmissionError, Submissions, SubmittedFile, submission_files

    try:
        files = [SubmittedFile.from_path(p) for p in submission_files([Path(p) for p in args.files])]
    except (OSError, ValueError) as e:
        print(f"qualgraph validate: {e}", file=sys.stderr)
        return EXIT_USAGE
    settings = _settings(args)
    store_dir = Path(str(settings.store))
    use_store = not args.no_store and (str(settings.store).startswith(("http://", "https://")) or (store_dir / "CURRENT").exists())
    store = _open(args, read_only=True) if use_store else memory_store()
    with store:
        try:
            _, report = Submissions(store, limits=Limits.from_settings(settings)).check(files)
        except SubmissionError as e:  # refused (too large, unreadable ...): say why; its report never conforms
            print(f"qualgraph validate: {str(e).splitlines()[0]}", file=sys.stderr)
            report = e.report
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif args.format == "turtle" and (turtle := report.serialize()) is not None:
        print(turtle)
    else:
        print(report.text() if report.findings else "The data conforms: no problems found.")
    return EXIT_OK if report.conforms else EXIT_FAILED


def cmd_submit(args: argparse.Namespace) -> int:
    from .submissions import Limits, SubmissionError, Submissions, SubmittedFile, submission_files

    try:
        files = [SubmittedFile.from_path(p) for p in submission_files([Path(p) for p in args.files])]
    except (OSError, ValueError) as e:
        print(f"qualgraph submit: {e}", file=sys.stderr)
        return EXIT_USAGE
    with _open(args) as store:
        try:
            outcome = Submissions(store, limits=Limits.from_settings(_settings(args))).submit(
                files, agency=args.agency, name=args.name)
        except SubmissionError as e:
            print(f"qualgraph submit: {e}", file=sys.stderr)
            return EXIT_FAILED
    if args.format == "json":
        print(json.dumps({"status": outcome.status, "id": str(outcome.submission), "version": outcome.version,
                          "report": outcome.report.to_json()}, indent=2, ensure_ascii=False))
    elif outcome.accepted:
        print(f"accepted: {outcome.submission} version {outcome.version} ({outcome.triples} triples) "
              f"in <{outcome.submission.graph}>")
        if outcome.report.findings:
            print(outcome.report.text())
    else:
        print(f"rejected: {outcome.submission}; nothing was stored.\n{outcome.report.text()}")
    return EXIT_OK if outcome.accepted else EXIT_FAILED


def cmd_serve(args: argparse.Namespace) -> int:
    from .loading import ensure_bundled_data
    from .resources import bundled_data_dir

    settings = _settings(args)
    from .store import open_store

    with open_store(settings) as store:  # opened once: the service runs on this handle
        loaded = ensure_bundled_data(store, bundled_data_dir(settings))
        if loaded is not None:
            print(f"empty store: loaded the bundled data ({loaded.quads_after} quads)", file=sys.stderr)
        from .web.server import serve

        serve(settings, host=args.host, port=args.port, store=store)  # it starts the query workers first
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qualgraph", description="Qualifications frameworks as a knowledge graph.")
    parser.add_argument("--version", action="version", version=f"qualgraph {__version__}")
    parser.add_argument("--store", help="store directory (default: $QUALGRAPH_STORE or ~/.local/share/qualgraph/store)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("load", help="load RDF files, spreadsheet templates or folders (all or nothing)")
    p.add_argument("paths", nargs="*", help="files or folders (.ttl .trig .nt .nq .jsonld .rdf .csv .xlsx); "
                                            "none: the bundled data ($QUALGRAPH_DATA, default: the data shipped with qualgraph)")
    p.add_argument("--graph", help="name of the graph (one file only); default: derived from the file path")
    p.add_argument("--root", help="graph names are file paths relative to this folder (default: the working directory)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("frameworks", help="overview of the frameworks and their referencing status")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_frameworks)

    p = sub.add_parser("coverage", help="per framework: levels, descriptors, qualification types, decisions and "
                                        "how many of the URLs they cite are official pages or copies")
    p.add_argument("--format", choices=["table", "json", "csv", "markdown"], default="table")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("equivalences", help="comparable levels of a level, with path, strength and sources")
    p.add_argument("level", help="FRAMEWORK:LEVEL, e.g. ie-nfq:8 or ph-pqf:5")
    p.add_argument("--to", help="only this framework, e.g. uk-scqf")
    p.add_argument("--include", help="also use decisions with these statuses: draft,superseded,illustrative")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_equivalences)

    p = sub.add_parser("gaps", help="gap analysis: how the units of one competency standard match another's")
    p.add_argument("standard", help="the standard whose units are analysed, e.g. ph-tesda-masonry-nc2")
    p.add_argument("--to", required=True, help="the standard they are compared with, e.g. au-cpc-training-package")
    p.add_argument("--include", help="also use decisions with these statuses: draft,superseded,illustrative")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("comparable", help="qualifications comparable to a qualification, ranked, with reasons")
    p.add_argument("qualification", help="FRAMEWORK:CODE, e.g. ph-pqf:masonry-nc2")
    p.add_argument("--in", dest="in_", help="only this framework (my-mqf) or country (TH)")
    p.add_argument("--include", help="also use decisions with these statuses: draft,superseded,illustrative")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_comparable)

    p = sub.add_parser("pathway", help="the recognition pathway of a qualification to a country")
    p.add_argument("qualification", help="FRAMEWORK:CODE, e.g. ph-pqf:warehousing-services-nc2")
    p.add_argument("--to", required=True, help="the destination country (ISO 3166-1 alpha-2), e.g. TH")
    p.add_argument("--include", help="also use decisions with these statuses: draft,superseded,illustrative")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_pathway)

    p = sub.add_parser("query", help="run a SPARQL query from a file (or - for stdin)")
    p.add_argument("file")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("validate", help="check files against the qualgraph shapes")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["text", "json", "turtle"], default="text")
    p.add_argument("--no-store", action="store_true", help="validate the files alone, not with what the store holds")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("submit", help="validate files and, if nothing must be fixed, store them as an agency's submission")
    p.add_argument("files", nargs="+", help="RDF files, template CSV/XLSX files, zips or folders")
    p.add_argument("--as", dest="agency", required=True, help="the agency's organisation id, e.g. ph-pqf-ncc")
    p.add_argument("--name", help="the submission's name (default: the first file's name); the same name replaces it")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser("serve", help="run the web service (loads the bundled data into an empty store)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .store import StoreError

    try:
        return args.func(args)
    except StoreError as e:
        print(f"qualgraph: {e}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
