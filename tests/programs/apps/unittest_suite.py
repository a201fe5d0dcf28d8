"""A small library plus its unittest suite, run with a captured runner and a
timing-free summary."""
import io
import sys
import unittest


# ---------------------------------------------------------------- library
class InsufficientStock(Exception):
    def __init__(self, sku, wanted, available):
        super().__init__(f"{sku}: wanted {wanted}, only {available} available")
        self.sku = sku
        self.wanted = wanted
        self.available = available


class Inventory:
    def __init__(self):
        self._items = {}
        self.log = []

    def add(self, sku, qty=1):
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self._items[sku] = self._items.get(sku, 0) + qty
        self.log.append(("add", sku, qty))

    def remove(self, sku, qty=1):
        have = self._items.get(sku, 0)
        if qty > have:
            raise InsufficientStock(sku, qty, have)
        self._items[sku] = have - qty
        if not self._items[sku]:
            del self._items[sku]
        self.log.append(("remove", sku, qty))

    def __contains__(self, sku):
        return sku in self._items

    def __len__(self):
        return sum(self._items.values())

    def skus(self):
        return sorted(self._items)


def slugify(text):
    out = []
    prev_dash = False
    for ch in text.lower():
        if ch.isalnum():
            out.append(ch)
            prev_dash = False
        elif not prev_dash and out:
            out.append("-")
            prev_dash = True
    return "".join(out).strip("-")


# ---------------------------------------------------------------- tests
class InventoryTests(unittest.TestCase):
    events = []

    @classmethod
    def setUpClass(cls):
        cls.events.append("setUpClass")

    @classmethod
    def tearDownClass(cls):
        cls.events.append("tearDownClass")

    def setUp(self):
        self.inv = Inventory()
        self.inv.add("apple", 3)
        self.inv.add("pear")
        self.addCleanup(self.events.append, "cleanup:" + self._testMethodName)

    def tearDown(self):
        self.events.append("tearDown:" + self._testMethodName)

    def test_add_and_len(self):
        self.assertEqual(len(self.inv), 4)
        self.assertIn("apple", self.inv)
        self.assertNotIn("plum", self.inv)

    def test_remove_all(self):
        self.inv.remove("pear")
        self.assertEqual(self.inv.skus(), ["apple"])

    def test_remove_too_many(self):
        with self.assertRaises(InsufficientStock) as cm:
            self.inv.remove("apple", 10)
        self.assertEqual(cm.exception.available, 3)
        self.assertRegex(str(cm.exception), r"wanted 10")

    def test_bad_quantity(self):
        self.assertRaisesRegex(ValueError, "positive", self.inv.add, "x", 0)

    def test_log(self):
        self.assertListEqual(self.inv.log, [("add", "apple", 3), ("add", "pear", 1)])

    def test_deliberate_failure(self):
        self.assertEqual(self.inv.skus(), ["apple", "pear", "plum"])

    def test_error_in_test(self):
        {}["missing"]


class SlugifyTests(unittest.TestCase):
    CASES = [
        ("Hello World", "hello-world"),
        ("  Leading and trailing  ", "leading-and-trailing"),
        ("Multiple---dashes!!", "multiple-dashes"),
        ("Ünïcödé ok", "ünïcödé-ok"),
        ("", ""),
        ("already-slug", "already_slug"),  # wrong on purpose
    ]

    def test_cases(self):
        for text, expected in self.CASES:
            with self.subTest(text=text):
                self.assertEqual(slugify(text), expected)

    @unittest.skip("not implemented yet")
    def test_transliteration(self):
        self.fail("should be skipped")

    @unittest.skipIf(sys.version_info < (3, 0), "py2 only")
    def test_not_skipped(self):
        self.assertTrue(slugify("A B").startswith("a"))

    @unittest.skipUnless(False, "condition false")
    def test_skip_unless(self):
        pass

    @unittest.expectedFailure
    def test_known_bug(self):
        self.assertEqual(slugify("a_b"), "a_b")

    @unittest.expectedFailure
    def test_unexpected_success(self):
        self.assertEqual(slugify("ab"), "ab")

    def test_skip_inside(self):
        self.skipTest("decided at runtime")


class AssertionsTests(unittest.TestCase):
    maxDiff = None

    def test_almost_equal(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertNotAlmostEqual(1.0, 1.1, places=3)

    def test_dict_diff(self):
        self.assertDictEqual({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 3]})

    def test_multiline_diff(self):
        self.assertMultiLineEqual("one\ntwo\nthree\n", "one\n2\nthree\n")

    def test_is_instance_and_count(self):
        self.assertIsInstance(Inventory(), Inventory)
        self.assertCountEqual([3, 1, 2, 1], [1, 1, 2, 3])
        self.assertIsNone(None)
        self.assertGreater(3, 2)

    def test_warns(self):
        import warnings
        with self.assertWarns(DeprecationWarning):
            warnings.warn("old api", DeprecationWarning)

    def test_logs(self):
        import logging
        with self.assertLogs("inventory", level="INFO") as cm:
            logging.getLogger("inventory").info("restocked %d items", 5)
            logging.getLogger("inventory.sub").warning("low stock")
        self.assertEqual(cm.output, ["INFO:inventory:restocked 5 items",
                                     "WARNING:inventory.sub:low stock"])


class RecordingResult(unittest.TextTestResult):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.outcomes = []

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcomes.append((test.id(), "ok"))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.outcomes.append((test.id(), "FAIL " + err[0].__name__))

    def addError(self, test, err):
        super().addError(test, err)
        self.outcomes.append((test.id(), "ERROR " + err[0].__name__))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.outcomes.append((test.id(), "skip: " + reason))

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.outcomes.append((test.id(), "expected failure"))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.outcomes.append((test.id(), "unexpected success"))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.outcomes.append((subtest.id(), "subtest FAIL"))


def last_line(tb_text):
    lines = [l for l in tb_text.strip().splitlines() if l.strip()]
    return lines[-1]


def main():
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for case in (InventoryTests, SlugifyTests, AssertionsTests):
        suite.addTests(loader.loadTestsFromTestCase(case))
    print("tests discovered:", suite.countTestCases())

    stream = io.StringIO()
    runner = unittest.TextTestRunner(stream=stream, verbosity=2, resultclass=RecordingResult)
    result = runner.run(suite)

    for name, outcome in result.outcomes:
        print(f"{name.replace('__main__.', ''):70} {outcome}")
    print("run:", result.testsRun)
    print("failures:", len(result.failures))
    print("errors:", len(result.errors))
    print("skipped:", len(result.skipped))
    print("expected failures:", len(result.expectedFailures))
    print("unexpected successes:", len(result.unexpectedSuccesses))
    print("successful:", result.wasSuccessful())
    print()
    for test, tb in result.failures + result.errors:
        print("==", test.id().replace("__main__.", ""))
        print("  ", last_line(tb))
    print()
    print("events:", InventoryTests.events)

    # The verbose stream, minus the timing line.
    print()
    print("---- runner output (filtered) ----")
    for line in stream.getvalue().splitlines():
        if line.startswith("Ran "):
            continue
        if 'File "' in line:
            line = line.split('File "')[0] + "File ..."
        print(line)

    # unittest.main with exit=False, stream captured as well
    print("---- unittest.main ----")
    buf = io.StringIO()
    prog = unittest.main(argv=["prog", "-v", "SlugifyTests.test_not_skipped",
                               "InventoryTests.test_log"],
                         exit=False, testRunner=unittest.TextTestRunner(stream=buf, verbosity=2))
    print("ok?", prog.result.wasSuccessful(), "run", prog.result.testsRun)
    for line in buf.getvalue().splitlines():
        if not line.startswith("Ran "):
            print(line)


if __name__ == "__main__":
    main()
