"""The examples in the engines' docstrings stay true."""

import doctest
import importlib
import pkgutil

import pytest

import netlife.engines

NAMED = ["cadence", "contact_values", "reciprocity", "strength", "agenda", "relevance"]
# Any engine added later is checked too, without editing this list.
FOUND = [
    m.name
    for m in pkgutil.iter_modules(netlife.engines.__path__)
    if not m.ispkg and m.name not in NAMED
]
ENGINES = NAMED + FOUND


@pytest.mark.parametrize("name", ENGINES)
def test_docstring_examples_hold(name):
    module = importlib.import_module(f"netlife.engines.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_the_engines_have_examples_to_check():
    attempted = sum(
        doctest.testmod(importlib.import_module(f"netlife.engines.{name}")).attempted
        for name in NAMED
    )
    assert attempted >= 10
