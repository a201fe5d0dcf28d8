"""The instruction set: one handler per opcode, named after it, documented; the table
is built from the generated opcode tables."""
from pyceval.interpreter import dispatch
from pyceval.version import OPNAMES

FOLDED = {"CACHE", "EXTENDED_ARG"}   # skipped / folded into the next instruction by the decoder


def test_every_opcode_has_a_handler_named_after_it():
    d = dispatch()
    missing = [name for op, name in OPNAMES.items() if op < 256 and name not in FOLDED
               and d.names.get(op) != name]
    assert missing == []
    for op, name in d.names.items():
        handler = d.handlers[op]
        assert handler.__name__ in (name, name.replace("BACKWARD", "FORWARD")), (name, handler)
        assert "--" in (handler.__doc__ or ""), f"{name}: docstring must give the stack effect"


def test_unknown_opcodes_get_the_default_handler():
    d = dispatch()
    unused = [op for op in range(256) if op not in OPNAMES]
    assert unused
    for op in unused:
        assert d.handlers[op].__name__ == "unknown_opcode"
