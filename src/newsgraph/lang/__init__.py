"""Languages: identification (``identify``), per-language cue data (``<code>/cues.json``) and models."""
