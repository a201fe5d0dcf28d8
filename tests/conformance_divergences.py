"""Known non-conforming cases of CPython's test suite under pyceval, each with its cause.

`pyceval conformance --known tests/conformance_divergences.py` groups the report by cause;
tests/test_conformance.py checks, for the modules CI runs, that every non-conforming case
is listed here (a new one is a regression) and that every listed case still fails (a
fixed one must leave the list). Causes with a runnable illustration point to the matching
entry of tests/test_divergences.py.
"""

CAUSES = {
    "host-generator-object": (
        "A guest generator/coroutine is a real host object created from the function's "
        "trampoline, which drives the VM frame: gi_frame is the trampoline's frame (its "
        "f_locals is pyceval's state), gi_yieldfrom is None, cr_await is pyceval's "
        "driver, cr_origin names pyceval's frames, and throw() into a never-started generator "
        "lacks the generator's own traceback entry (test_divergences: gi_yieldfrom_and_cr_await, "
        "coroutine_origin_tracking, throw_into_unstarted_generator_traceback)."),
    "stand-in-frame-lineno": (
        "Traceback entries use stand-in host frames made when the exception passes the frame; "
        "their f_lineno is that of the raise, not where the frame later ended (CPython's "
        "tb_frame.f_lineno follows the frame as it runs on through finally/except blocks)."),
    "vm-frames-are-not-host-frames": (
        "sys._getframe() returns pyceval's frame objects (isinstance(f, FrameType) holds), which "
        "types.TracebackType() does not accept, and a traceback's tb_frame is a stand-in, not the "
        "object sys._getframe() returned (test_divergences: frame_type)."),
    "trampoline-bytecode": (
        "func.__code__ is the trampoline: dis of a function shows the trampoline's bytecode "
        "(test_divergences: code_object_bytecode)."),
    "reference-counts": (
        "Exact reference counts and the moment an object dies can differ: the VM's own "
        "structures (value stacks, frames, traceback stand-ins) hold references CPython does "
        "not, for as long as an exception or frame lives."),
    "lazy-exception-normalization": (
        "CPython builds an exception raised from C lazily; when its constructor itself fails, "
        "the traceback of the new exception starts in the constructor. pyceval's calls always "
        "see the normalized exception, so the calling frame's entry comes first."),
    "unexplained": "Not understood yet.",
}

KNOWN = {
    "test.test_generators.YieldFromTests.test_generator_gi_yieldfrom": "host-generator-object",
    "test.test_generators.__test__.coroutine": "host-generator-object",
    "test.test_coroutines.CoroutineTest.test_cr_await": "host-generator-object",
    "test.test_coroutines.OriginTrackingTest.test_origin_tracking": "host-generator-object",
    "test.test_coroutines.OriginTrackingTest.test_origin_tracking_warning": "host-generator-object",
    "test.test_exceptions.PEP626Tests.test_lineno_after_other_except": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_lineno_after_raise_in_except": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_lineno_after_with": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_lineno_in_finally_except": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_lineno_in_finally_normal": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_lineno_in_named_except": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_lineno_in_try": "stand-in-frame-lineno",
    "test.test_exceptions.PEP626Tests.test_missing_lineno_shows_as_none": "stand-in-frame-lineno",
    "test.test_raise.TestTracebackType.test_attrs": "vm-frames-are-not-host-frames",
    "test.test_raise.TestTracebackType.test_constructor": "vm-frames-are-not-host-frames",
    "test.test_positional_only_arg.PositionalOnlyTestCase.test_annotations_constant_fold":
        "trampoline-bytecode",
    "test.test_descr.ClassPropertiesAndMethods.test_slots": "reference-counts",
    "test.test_contextlib.ContextManagerTestCase.test_nokeepref": "reference-counts",
    "test.test_exceptions.ExceptionTests.testExceptionCleanupState": "reference-counts",
    "test.test_exceptions.ExceptionTests.testSettingException": "lazy-exception-normalization",
    "test.test_funcattrs.FunctionPropertiesTest.test___builtins__": "unexplained",
    # beyond the core list
    "test.test_inspect.test_inspect.TestGetCoroutineState.test_getcoroutinelocals":
        "host-generator-object",
    "test.test_inspect.test_inspect.TestGetGeneratorState.test_getgeneratorlocals":
        "host-generator-object",
    "test.test_inspect.test_inspect.TestGetGeneratorState.test_getgeneratorlocals_empty":
        "host-generator-object",
    "test.test_traceback.CExcReportingTests.test_KeyboardInterrupt_at_first_line_of_frame":
        "vm-frames-are-not-host-frames",
    "test.test_traceback.PyExcReportingTests.test_KeyboardInterrupt_at_first_line_of_frame":
        "vm-frames-are-not-host-frames",
    "test.test_inspect.test_inspect.TestRetrievingSourceCode.test_getmodule_file_not_found":
        "unexplained",
    "test.test_inspect.test_inspect.TestSignatureBind.test_signature_bind_implicit_arg":
        "unexplained",
}
