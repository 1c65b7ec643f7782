"""Evaluation against annotated data: events, time expressions, named entities."""
