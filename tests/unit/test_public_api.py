import newsgraph


def test_exported_names_are_pinned():
    assert sorted(newsgraph.__all__) == [
        "Block", "Config", "DateValue", "Document", "FetchError", "Figure", "InputError", "LanguageValue", "ModelError",
        "NewsgraphError", "Pipeline", "Source", "StoreError", "analyze", "list_stories", "story_similarity",
    ]
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name)


def test_pipeline_pickles_without_resources():
    import pickle

    from newsgraph import Config, Pipeline, Source

    p = Pipeline(Config(languages=("ro", "en")))
    p(Source.make("x.txt", "text", "Titlu de test pentru articol\nAcesta este un paragraf suficient de lung, scris în limba română, cu punct la final."))
    assert p.context._cache  # resources were built
    clone = pickle.loads(pickle.dumps(p))
    assert clone.context._cache == {}
    doc = clone(Source.make("y.txt", "text", "A headline for a test article\nThis is a long enough paragraph written in English, ending in a full stop."))
    assert doc.language.code == "en"
