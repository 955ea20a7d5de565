"""Submissions: an agency sends its framework data, qualgraph checks it, and nothing invalid enters the graph.

A submission is one or more files — RDF in any syntax the loader reads, the CSV/XLSX spreadsheet templates, or
a zip of such files — sent by a qualifications agency under a name of its choice (``ph-pqf-ncc/levels``).
Every step that can fail happens before anything is written:

1. **Reading** (:func:`read_submission`): sizes and zip contents are checked against :class:`Limits` (declared
   sizes and entry count first, then the bytes actually unpacked), each file must be non-empty UTF-8 in a
   syntax we read; RDF is parsed with line and column on error (relative IRIs resolve against ``qgid:``;
   nothing is fetched: no ``owl:imports``, no remote JSON-LD context); templates are turned into RDF against
   the frameworks and levels of the store and of the submission itself; an id defined twice is refused.
2. **Validation** (:meth:`Submissions.check`): the data is validated with the qualgraph shapes together with
   what it refers to in the store (the frameworks it touches, their levels and decisions, the records it
   names without describing them — read with ``queries/submission-context.rq``), leaving out the
   submission's own previous version. Warnings do not block; violations do. The data never leaves Oxigraph
   on the way: parsed into an in-memory store, validated there (:func:`qualgraph.validation.validate_dataset`),
   written from its N-Triples — 100,000 triples end to end in seconds (bench/README.md).
3. **Acceptance** (:meth:`Submissions.submit`): the data replaces the submission's named graph as a whole and
   its provenance (PROV-O) is added to the provenance graph. A first version is bulk-loaded into its new
   graph (undone by dropping the graph if anything fails); a later one is one SPARQL Update — one
   transaction — that deletes the triples the new version no longer has and inserts those it adds. A rejected
   submission writes nothing at all, not even a record of the attempt: the caller gets the report.
4. **Withdrawal** (:meth:`Submissions.withdraw`): the graph is dropped, unless other data refers to a level
   or framework only it defines (checked with the shapes on the store as it would be): then nothing changes
   and the report names each dependent record (:class:`DependedUpon`, 409).

Provenance, per version (``qgid:submission/{agency}/{name}/version/{n}``): a ``prov:Entity`` that is
``prov:specializationOf`` the submission, ``prov:wasAttributedTo`` the agency's organisation, with
``prov:generatedAtTime``, ``prov:wasRevisionOf`` the previous version, an ``spdx:checksum`` (SHA-256 over the
submitted files' own checksums), ``void:triples``, and ``prov:wasDerivedFrom`` one entity per submitted file
(``rdfs:label`` its name, its own checksum, ``rdfs:comment`` for warnings about it, and the same warnings as
``skos:note`` nodes with their place: ``qg:inputFile``, ``qg:inputRow`` ...). Its validation report (warnings
only, since it was accepted) is kept as a ``sh:ValidationReport`` derived from it, each result with the place
of template input it came from. A version stops
being the data when it is replaced (``prov:invalidatedAtTime``; status *superseded*) or withdrawn (also
``prov:wasInvalidatedBy`` a withdrawal activity ``prov:wasAssociatedWith`` the agency; status *withdrawn*).

The package, along the workflow's seams (each module imports only those above it):

* :mod:`.report` — findings and reports, with the place in the input each came from;
* :mod:`.model` — limits, errors, names, files, the RDF they were read into, outcomes and versions;
* :mod:`.cells` — template rows: the records they define, the cell a finding points at;
* :mod:`.reading` — step 1: files, zips, RDF and templates into one in-memory graph;
* :mod:`.ownership` — what an agency may submit;
* :mod:`.context` — what the store says about what a submission touches, for step 2;
* :mod:`.provenance` — the PROV-O record of versions and withdrawals, and reading it back;
* :mod:`.writing` — steps 3 and 4 in the store: bulk load, changed triples only, drop;
* :mod:`.workflow` — :class:`Submissions`, tying them together under the write lock.
"""

from .model import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILES,
    AlreadyWithdrawn,
    DependedUpon,
    InvalidInput,
    Limits,
    MalformedInput,
    NotAllowed,
    Outcome,
    ReadSubmission,
    SubmissionError,
    SubmissionId,
    SubmissionInfo,
    SubmissionNotFound,
    SubmittedFile,
    TooLarge,
    UnsupportedInput,
    VersionInfo,
    default_name,
)
from .ownership import (
    frameworks_of,
    owner_framework,
    ownership_problems,
    record_kind,
    submission_of_graph,
)
from .provenance import PROVENANCE_GRAPH, SPDX, VOID
from .reading import (
    VALIDATION_GRAPH,
    XLSX_MAX_PARTS,
    XLSX_MEDIA_TYPE,
    ZIP_MEDIA_TYPES,
    expand,
    read_submission,
    submission_files,
)
from ..report import Finding, Report, framework_and_level
from .workflow import Submissions

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FILES",
    "PROVENANCE_GRAPH",
    "SPDX",
    "VALIDATION_GRAPH",
    "VOID",
    "XLSX_MAX_PARTS",
    "XLSX_MEDIA_TYPE",
    "ZIP_MEDIA_TYPES",
    "AlreadyWithdrawn",
    "DependedUpon",
    "Finding",
    "InvalidInput",
    "Limits",
    "MalformedInput",
    "NotAllowed",
    "Outcome",
    "ReadSubmission",
    "Report",
    "SubmissionError",
    "SubmissionId",
    "SubmissionInfo",
    "SubmissionNotFound",
    "Submissions",
    "SubmittedFile",
    "TooLarge",
    "UnsupportedInput",
    "VersionInfo",
    "default_name",
    "expand",
    "framework_and_level",
    "frameworks_of",
    "owner_framework",
    "ownership_problems",
    "read_submission",
    "record_kind",
    "submission_files",
    "submission_of_graph",
]
