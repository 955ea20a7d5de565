"""The web service: SPARQL 1.1 Protocol, Graph Store Protocol, JSON API and pages.

:func:`qualgraph.web.app.create_app` builds the application; the route modules translate HTTP into calls of
the feature modules (:mod:`qualgraph.sparql`, :mod:`qualgraph.submissions`, ...) and nothing else.
"""
