"""Training-time helper registered for `spacy train --code training/ro_train_code.py`.

spaCy 3.8's EditTreeLemmatizer.from_disk() restores its trees and cfg["labels"] but not the
tree->label index (`tree2label`), which is only filled by initialize(). A *sourced* (resumed)
trainable_lemmatizer therefore maps every gold lemma to label 0 during training and its accuracy
collapses (observed: 94% -> 54% lemma acc after 200 fine-tuning steps). This after_init callback
rebuilds the index. Not needed at inference time; finalize.py strips it from the saved config.
"""
import spacy


@spacy.registry.callbacks("newsgraph.restore_lemmatizer_labels.v1")
def restore_lemmatizer_labels():
    def after_init(nlp):
        for _name, pipe in nlp.components:  # includes disabled (resumed) ones
            if hasattr(pipe, "tree2label") and hasattr(pipe, "trees"):
                pipe.tree2label.clear()
                for label, tree in enumerate(pipe.labels):
                    pipe.tree2label[tree] = label
        return nlp

    return after_init
