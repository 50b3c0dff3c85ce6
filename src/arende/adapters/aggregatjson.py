"""A domain aggregate of frozen dataclasses to JSON and back, guided by its type hints.

The sammanträde is read and written whole; mapping each of its parts to tables of their own
would buy nothing (nobody queries one yrkande) and cost a migration per new fact. The
decoder follows the dataclasses' annotations, so what comes back has the same types as what
went in: enums, dates, times, tuples. A field missing from what was stored (an aggregate
written before the field existed) takes its default.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def till_json(varde: Any) -> str:
    return json.dumps(_ut(varde), ensure_ascii=False, sort_keys=True)


def fran_json(typ: type[T], text: str) -> T:
    return typing.cast(T, _in(typ, json.loads(text)))


def _ut(varde: Any) -> Any:
    if dataclasses.is_dataclass(varde) and not isinstance(varde, type):
        return {f.name: _ut(getattr(varde, f.name)) for f in dataclasses.fields(varde)}
    if isinstance(varde, Enum):
        return varde.value
    if isinstance(varde, datetime | date | time):
        return varde.isoformat()
    if isinstance(varde, list | tuple):
        return [_ut(v) for v in varde]
    if isinstance(varde, dict):
        return {str(k): _ut(v) for k, v in varde.items()}
    return varde


def _in(typ: Any, data: Any) -> Any:
    ursprung = typing.get_origin(typ)
    if ursprung in (typing.Union, types.UnionType):
        if data is None:
            return None
        (icke_none,) = [a for a in typing.get_args(typ) if a is not type(None)]
        return _in(icke_none, data)
    if ursprung is tuple:
        argument = typing.get_args(typ)
        if len(argument) == 2 and argument[1] is Ellipsis:
            return tuple(_in(argument[0], v) for v in data)
        return tuple(_in(a, v) for a, v in zip(argument, data, strict=True))
    if ursprung is list:
        (element,) = typing.get_args(typ)
        return [_in(element, v) for v in data]
    if ursprung is dict:
        nyckel, element = typing.get_args(typ)
        return {_in(nyckel, k): _in(element, v) for k, v in data.items()}
    if isinstance(typ, type) and dataclasses.is_dataclass(typ):
        ledtradar = typing.get_type_hints(typ)
        return typ(
            **{
                f.name: _in(ledtradar[f.name], data[f.name])
                for f in dataclasses.fields(typ)
                if f.name in data
            }
        )
    if typ is datetime:
        return datetime.fromisoformat(data)
    if typ is date:
        return date.fromisoformat(data)
    if typ is time:
        return time.fromisoformat(data)
    if isinstance(typ, type) and issubclass(typ, Enum):
        return typ(data)
    return data
