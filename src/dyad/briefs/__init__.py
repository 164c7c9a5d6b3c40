"""Briefs: the major divides between two countries, every claim footnoted (see :mod:`dyad.briefs.brief`)."""
