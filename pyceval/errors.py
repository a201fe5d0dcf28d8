"""Errors of the VM itself (as opposed to exceptions raised by the guest program)."""


class VMError(Exception):
    """The VM cannot go on: malformed code, an unknown opcode, a broken invariant.

    A VMError is never delivered to the guest's exception handlers: it ends the run
    and `pyceval run` reports it with exit status 2.
    """
