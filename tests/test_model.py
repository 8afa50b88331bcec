"""The data model's quick constructor: the same instances as the dataclass's own __init__."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_tool.checks import chinese_names
from qa_tool.model import Finding, Location, SegmentPair, Span, quick_init
from qa_tool.normalise import TextView

_QUICKLY_MADE = [Location, SegmentPair, Span, Finding, TextView, chinese_names._Token]


def _reference_class(cls: type) -> type:
    """The same fields as a plain frozen dataclass: its generated __init__ is the full path."""
    return dataclasses.make_dataclass(
        f"Reference{cls.__name__}",
        [(field.name, field.type, dataclasses.field(default=field.default)) for field in dataclasses.fields(cls)],
        frozen=True,
        slots=True,
    )


@pytest.mark.parametrize("cls", _QUICKLY_MADE, ids=lambda cls: cls.__name__)
def test_quick_init_takes_the_parameters_of_the_generated_one(cls: type) -> None:
    reference = _reference_class(cls)
    # After the instance's own parameter, whose name the generated __init__ also chooses.
    expected = [(parameter.name, parameter.kind, parameter.default) for parameter in inspect.signature(reference.__init__).parameters.values()][1:]
    assert [(parameter.name, parameter.kind, parameter.default) for parameter in inspect.signature(cls.__init__).parameters.values()][1:] == expected


@settings(deadline=None)
@given(st.data())
@pytest.mark.parametrize("cls", _QUICKLY_MADE, ids=lambda cls: cls.__name__)
def test_quick_init_sets_what_the_generated_one_sets(cls: type, data: st.DataObject) -> None:
    declared = dataclasses.fields(cls)
    # Any values will do: a field's setter stores what it is given.
    values = data.draw(st.lists(st.integers() | st.text(max_size=3), min_size=len(declared), max_size=len(declared)))
    given_count = data.draw(st.integers(min_value=sum(field.default is dataclasses.MISSING for field in declared), max_value=len(declared)))
    by_keyword = data.draw(st.booleans())
    arguments = values[:given_count]
    made = cls(**{field.name: value for field, value in zip(declared, arguments)}) if by_keyword else cls(*arguments)
    reference = _reference_class(cls)(*arguments)
    assert [getattr(made, field.name) for field in declared] == [getattr(reference, field.name) for field in declared]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, declared[0].name, values[0])


@pytest.mark.parametrize(
    "unserved",
    [
        {"factory": dataclasses.field(default_factory=list)},
        {"hidden": dataclasses.field(default=0, init=False)},
        {"named": dataclasses.field(default=0, kw_only=True)},
        {"__post_init__": lambda self, passed: None, "passed": dataclasses.InitVar[int]},
        {"__post_init__": lambda self: None},
    ],
    ids=["default factory", "init=False", "keyword-only", "init-only variable", "__post_init__"],
)
def test_quick_init_refuses_a_class_its_init_would_not_serve(unserved: dict) -> None:
    annotations = {name: unserved.get(name, int) for name in unserved if not name.startswith("__")}
    fields = {name: value for name, value in unserved.items() if isinstance(value, dataclasses.Field) or name.startswith("__")}
    made = dataclasses.dataclass(frozen=True, slots=True)(type("Unserved", (), {"__annotations__": annotations, **fields}))
    with pytest.raises(TypeError, match="quick_init"):
        quick_init(made)


def test_quick_init_refuses_a_class_without_slots() -> None:
    made = dataclasses.dataclass(frozen=True)(type("Unslotted", (), {"__annotations__": {"kept": int}}))
    with pytest.raises(TypeError, match="quick_init"):
        quick_init(made)


def test_quick_init_serves_a_field_named_as_its_own_parameters() -> None:
    made = quick_init(dataclasses.dataclass(frozen=True, slots=True)(type("Named", (), {"__annotations__": {"self": int, "namespace": int}})))
    assert (made(1, namespace=2).self, made(1, namespace=2).namespace) == (1, 2)
