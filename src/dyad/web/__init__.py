"""The HTTP API and dashboard (``dyad serve``): :func:`dyad.web.app.create_app` builds the application."""
