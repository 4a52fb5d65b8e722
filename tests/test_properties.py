"""Property-based: random structural mutations of the catalog's patterns.

Hypothesis deletes, replaces, duplicates, renames and reorders parts of a
catalog pattern's YAML tree. Whatever it makes, archgen either accepts it or
answers with its one-line error (an ArchgenError naming the file): never a
traceback, never a message over several lines. A small sample of the mutants
the loader accepts is then generated and synthesized in one CDK app, which
must succeed for each: what the loader accepts, CDK builds.

Examples are derandomized, so a run is reproducible and CI never flakes; the
numbers of examples keep the test at a few seconds plus one synth.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.errors import ArchgenError
from generator.loader import load, pattern_files
from generator.render.code import generate
from generator.synth import SynthInput, synth_each
from generator.variants import variant_name

CATALOG = {path.stem: yaml.safe_load(path.read_text()) for path in pattern_files()}
EXAMPLES = 150
SYNTH_SAMPLE = 2

# Values that replace a node: every YAML type, empty and odd ones.
ODD_VALUES = st.sampled_from(
    [None, True, False, 0, -1, 1.5, 10**12, "", "x", "Ünïcode ✓", "a b", "{{ nope }}", [], {}]
)


def _paths(node: Any, here: tuple = ()) -> list[tuple]:
    """Every path into the tree (keys and list indexes), the root excluded."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*here, key))
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((*here, index))
            found += _paths(value, (*here, index))
    return found


def _parent(tree: Any, path: tuple) -> Any:
    node = tree
    for part in path[:-1]:
        node = node[part]
    return node


@st.composite
def mutants(draw) -> tuple[str, dict]:
    """A catalog pattern with one to three structural mutations."""
    pattern_id = draw(st.sampled_from(sorted(CATALOG)))
    tree = copy.deepcopy(CATALOG[pattern_id])
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(tree)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = _parent(tree, path), path[-1]
        operation = draw(st.sampled_from(["delete", "replace", "duplicate", "rename", "swap"]))
        if operation == "delete":
            del parent[last]
        elif operation == "replace":
            parent[last] = draw(ODD_VALUES)
        elif operation == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif operation == "duplicate":
            parent[f"{last}_copy"] = copy.deepcopy(parent[last])
        elif operation == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["id", "kind", "when", "label", "Id", "extra"]))] = (
                parent.pop(last)
            )
        elif operation == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(0, len(parent) - 1))
            parent[last], parent[other] = parent[other], parent[last]
    return pattern_id, tree


def _write(folder: Path, pattern_id: str, tree: dict) -> Path:
    path = folder / f"{pattern_id}.yaml"
    path.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_mutants_load_or_give_one_line_and_a_sample_synthesizes():
    accepted: list[tuple[str, dict]] = []
    outcomes = {"accepted": 0, "refused": 0}

    with tempfile.TemporaryDirectory(prefix="archgen-mutants-") as scratch:
        folder = Path(scratch)

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(mutants())
        def loads_or_says_why(mutant: tuple[str, dict]) -> None:
            pattern_id, tree = mutant
            path = _write(folder, pattern_id, tree)
            try:
                resolved = load(path).resolve({})
                generate(resolved)
            except ArchgenError as exc:
                message = str(exc)
                assert message.startswith(str(path)), message
                assert "\n" not in message and "Traceback" not in message, message
                outcomes["refused"] += 1
                return
            outcomes["accepted"] += 1
            if tree != CATALOG[pattern_id] and len(accepted) < 50:
                accepted.append((pattern_id, copy.deepcopy(tree)))

        loads_or_says_why()
        assert outcomes["refused"] > outcomes["accepted"] > 0, outcomes

        # One accepted mutant of each of the smallest patterns (synth time), in one App.
        first_of = {}
        for pattern_id, tree in accepted:
            first_of.setdefault(pattern_id, tree)
        by_size = sorted(first_of, key=lambda i: len(yaml.safe_dump(CATALOG[i])))
        sample = [(i, first_of[i]) for i in by_size[:SYNTH_SAMPLE]]
        assert len(sample) == SYNTH_SAMPLE, sorted(first_of)
        items = []
        for number, (pattern_id, tree) in enumerate(sample):
            mutant_dir = folder / f"sample-{number}"
            mutant_dir.mkdir()
            resolved = load(_write(mutant_dir, pattern_id, tree)).resolve({})
            code_dir = mutant_dir / "cdk"
            code_dir.mkdir()
            for name, text in generate(resolved).files.items():
                (code_dir / name).parent.mkdir(parents=True, exist_ok=True)
                (code_dir / name).write_text(text)
            name = f"{variant_name(resolved.pattern, {})}-Mutant{number}"
            items.append(SynthInput(resolved, code_dir, stack_name=name))
        for item, result in zip(items, synth_each(items), strict=True):
            assert not isinstance(result, ArchgenError), f"{item.resolved.id}: {result}"
            assert result.template["Resources"]
