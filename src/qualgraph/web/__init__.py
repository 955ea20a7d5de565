"""The web service: SPARQL 1.1 Protocol, Graph Store Protocol, JSON API and pages.

Import :func:`qualgraph.web.app.create_app` for the application. This package file stays empty on purpose:
the query worker processes import :mod:`qualgraph.web.negotiation` and must not pay for FastAPI.
"""
