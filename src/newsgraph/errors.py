"""Exceptions. Every error about an input names that input.

    NewsgraphError
     ├── InputError          an input cannot be read or makes no article (names the input and the problem)
     │    └── FetchError     a URL could not be fetched
     ├── StoreError          the database cannot be opened or has a schema from the future
     └── ModelError          a language model that should be there cannot be loaded (a broken install)
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of all newsgraph errors."""


class InputError(NewsgraphError):
    def __init__(self, input: str, problem: str):
        super().__init__(f"{input}: {problem}")
        self.input = input
        self.problem = problem


class FetchError(InputError):
    pass


class StoreError(NewsgraphError):
    pass


class ModelError(NewsgraphError):
    pass
