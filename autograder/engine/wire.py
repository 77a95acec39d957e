"""The wire format of isolated grading: how the grader (:mod:`autograder.engine.sandbox`) and a
student's process (:mod:`autograder.engine.student_process`) exchange requests and values.

A message is a JSON object behind an 8-byte length. A value is kept only as data
(numbers, strings, arrays of numbers, containers of them, numpy generators as their
state); a function of the grader's side crosses as a callback, anything else as a
description. Subclasses of built-in types arrive as the built-in type, so their
overridden methods stay behind. Neither side trusts what it reads.

This module imports only the standard library and numpy: the student's process
loads it by its path before entering its sandbox, where ``autograder`` cannot be
imported.
"""

import base64
import functools
import json
import math
import os
import struct

import numpy as np

MAX_MESSAGE = 256 * 2**20  # bytes; a larger message is refused
MAX_DEPTH = 32  # nesting of containers in a value
ARRAY_KINDS = "biufc"  # bool, integer, unsigned, floating, complex
BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


class Opaque:
    """A value of a type that cannot cross the pipe, as the grader sees it: its
    class is named after the original type, for messages such as ``got Foo``."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def _opaque(type_name, text):
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (Opaque,), {})(text)


def encode(value, depth=0, callables=None):
    """A JSON-ready form of ``value``: numbers, strings, arrays and containers of
    them are kept, numpy generators as their state, anything else as a
    description (``{"t": "opaque"}``). Subclasses of built-in types are
    converted to the built-in type, so their overridden methods stay behind.

    With a list ``callables`` (the grader's side), a function is appended to it
    and sent as a callback: calling it on the other side calls it here."""
    if callables is not None and callable(value) and not isinstance(value, (type, np.ndarray, np.generic)):
        callables.append(value)
        return {"t": "callback", "id": len(callables) - 1}
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": type(value).__name__, "repr": "a too deeply nested value"}
    if value is None or type(value) in (bool, str):  # bool has no subclasses
        return value
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, complex):
        return {"t": "complex", "v": [complex.__complex__(value).real, complex.__complex__(value).imag]}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (np.ndarray, np.generic)):
        return _encode_array(value, depth)
    if isinstance(value, np.random.Generator):
        return {"t": "generator", "state": value.bit_generator.state}
    if isinstance(value, tuple):
        return {"t": "tuple", "v": [encode(item, depth + 1, callables) for item in tuple.__iter__(value)]}
    if isinstance(value, list):
        return [encode(item, depth + 1, callables) for item in list.__iter__(value)]
    if isinstance(value, dict):
        return {"t": "dict", "v": [[encode(k, depth + 1), encode(v, depth + 1, callables)]
                                   for k, v in dict.items(value)]}
    return {"t": "opaque", "type": type(value).__name__, "repr": _short_repr(value)}


def _short_repr(value):
    try:
        text = object.__repr__(value)
    except Exception:  # noqa: BLE001 - a description must never fail
        text = "?"
    return text[:200]


def _encode_array(value, depth):
    scalar = isinstance(value, np.generic)
    array = np.asarray(value)
    if array.dtype.kind in ARRAY_KINDS:
        data = np.ascontiguousarray(array).tobytes()
        return {"t": "array", "scalar": scalar, "dtype": array.dtype.str, "shape": list(array.shape),
                "data": base64.b64encode(data).decode("ascii")}
    if array.dtype.kind == "O" and not scalar:
        return {"t": "objects", "shape": list(array.shape), "v": [encode(item, depth + 1) for item in array.flat]}
    if array.dtype.kind == "U":
        return {"t": "strings", "scalar": scalar, "v": array.tolist()}
    return {"t": "opaque", "type": type(value).__name__, "repr": f"an array of dtype {array.dtype}"}


def decode(value, depth=0, callback=None):
    """The value an :func:`encode` form describes; raises ``ValueError`` for a
    malformed one (the other side is not trusted). ``callback(id)`` makes the
    function that stands for a callback (the student's side only)."""
    if depth > MAX_DEPTH + 1:
        raise ValueError("too deeply nested")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [decode(item, depth + 1, callback) for item in value]
    if not isinstance(value, dict):
        raise ValueError(f"unexpected {type(value).__name__}")
    tag = value.get("t")
    if tag == "tuple":
        return tuple(decode(item, depth + 1, callback) for item in value["v"])
    if tag == "dict":
        return {_hashable(decode(k, depth + 1)): decode(v, depth + 1, callback) for k, v in value["v"]}
    if tag == "callback" and callback is not None:
        return callback(int(value["id"]))
    if tag == "complex":
        real, imag = value["v"]
        return complex(float(real), float(imag))
    if tag == "array":
        return _decode_array(value)
    if tag == "objects":
        array = np.empty(math.prod(int(n) for n in value["shape"]), dtype=object)
        for k, item in enumerate(value["v"][:len(array)]):
            array[k] = decode(item, depth + 1)
        return array.reshape([int(n) for n in value["shape"]])
    if tag == "strings":
        array = np.array(value["v"], dtype=str)
        return array[()] if value.get("scalar") else array
    if tag == "generator":
        state = value["state"]
        if state.get("bit_generator") not in BIT_GENERATORS:
            raise ValueError("unknown bit generator")
        generator = np.random.Generator(getattr(np.random, state["bit_generator"])())
        generator.bit_generator.state = state
        return generator
    if tag == "opaque":
        return _opaque(str(value.get("type", "object")), str(value.get("repr", ""))[:200])
    raise ValueError(f"unknown tag {tag!r}")


def _hashable(key):
    if isinstance(key, (list, dict, np.ndarray)):
        raise ValueError("unhashable dictionary key")
    return key


def _decode_array(value):
    dtype = np.dtype(str(value["dtype"]))
    if dtype.kind not in ARRAY_KINDS or dtype.hasobject:
        raise ValueError(f"dtype {dtype} may not cross")
    shape = [int(n) for n in value["shape"]]
    data = base64.b64decode(value["data"], validate=True)
    if any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize != len(data):
        raise ValueError("array data do not match its shape")
    array = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
    return array[()] if value.get("scalar") else array


def send(fd, message):
    """Write one message (a JSON-ready dict) to a file descriptor."""
    data = json.dumps(message, allow_nan=True).encode()
    if len(data) > MAX_MESSAGE:
        data = json.dumps({"error": {"type": "ValueError", "message":
                                     f"the value is too large to grade ({len(data) // 2**20} MB)"}}).encode()
    view = memoryview(struct.pack(">Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read(fd, n):
    chunk = os.read(fd, n)
    if not chunk:
        raise EOFError("the other side closed the pipe")
    return chunk


def receive(fd):
    """Read one message written by :func:`send`; raises ``EOFError`` or ``ValueError``.

    Only one message is ever in flight, so a read never takes part of the next one."""
    data = _read(fd, 2**16)
    while len(data) < 8:
        data += _read(fd, 8 - len(data))
    (length,) = struct.unpack(">Q", data[:8])
    if length > MAX_MESSAGE:
        raise ValueError(f"a message of {length} bytes is too large")
    chunks, left = [data[8:]], length - (len(data) - 8)
    while left > 0:
        chunks.append(_read(fd, min(left, 2**20)))
        left -= len(chunks[-1])
    message = json.loads(b"".join(chunks))
    if not isinstance(message, dict):
        raise ValueError("a message must be an object")
    return message


@functools.cache
def named_exception(name, base=Exception):
    """An exception class named ``name`` (a subclass of ``base``), for an error raised on the other side."""
    return type(name if name.isidentifier() else "Exception", (base,), {})
