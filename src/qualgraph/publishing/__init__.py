"""Publishing for people and machines (issue 13): what the pages and the linked data say beyond one resource.

* :mod:`.jsonld` — the JSON-LD context published at ``/context.jsonld``, compacted JSON-LD, and the schema.org
  description a page embeds for search engines.
* :mod:`.ladders` — framework ladders: two or more frameworks side by side, each level of the first with its
  comparable levels in the others (the same answers as :func:`~qualgraph.comparability.comparable_levels`),
  the sentence that says it in plain words, and why an answer is empty.
* :mod:`.search` — one search across titles, acronyms, level names and notations, in every language held.
* :mod:`.dataset` — the dataset description (VoID and DCAT) and the dumps it lists.

Nothing here imports FastAPI or :mod:`qualgraph.web`: these are features (docs/architecture.md), called by
the routes in :mod:`qualgraph.web.publishing` and by the command line.
"""
