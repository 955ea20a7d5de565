"""Recognition (issue 12): what acts on a worker's qualification beyond its level.

* :mod:`.gaps`: gap analysis between two competency standards (``qualgraph gaps``, ``/api/gaps``);
* :mod:`.comparable`: comparable qualifications in another framework or country, ranked, with reasons
  (``qualgraph comparable``, ``/api/qualifications/{id}/comparable``);
* :mod:`.agreements`: the agreements that apply to a qualification and a destination, with roadmap progress;
* :mod:`.pathway`: all of it at once for a worker and a destination country (``qualgraph pathway``, ``/api/pathway``);
* :mod:`.matching`: benchmarking decisions composed into unit matches (direct, or through a regional model
  standard), shared by gaps and comparable so that they never disagree;
* :mod:`.index`: the decisions, the units of qualifications and the qualifications by level, in memory;
* :mod:`.records`: reading a qualification, a scope ("in MY"), and large answers as plain rows.

Plain functions that take a :class:`~qualgraph.store.GraphStore` and return plain data; the CLI, the JSON API and
the pages call the same ones.
"""
