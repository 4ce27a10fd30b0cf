"""Enrichment stages over the language pipeline: entities, temporal expressions, quotes, events."""
