"""Prints what the test suite ran, from the JUnit XML reports of Surefire, Failsafe and pytest:
how many tests passed, failed and were skipped, and each test that did not pass with its reason.
scripts/test.sh runs it after Maven, whatever Maven's outcome, with the time the run started: a
report older than that is from an earlier run (Maven does not clean them) and does not count.
Usage: test-summary.py ROOT SINCE_EPOCH_SECONDS"""

import glob
import os
import sys
import xml.etree.ElementTree as ElementTree

REPORTS = (
    "*/target/surefire-reports/TEST-*.xml",
    "*/target/failsafe-reports/TEST-*.xml",
    "*/target/pytest-reports/*.xml",
)


def test_cases(root, since):
    for pattern in REPORTS:
        for path in sorted(glob.glob(os.path.join(root, pattern))):
            if os.path.getmtime(path) >= since:
                yield from ElementTree.parse(path).getroot().iter("testcase")


def outcome(case):
    for kind in ("failure", "error", "skipped"):
        element = case.find(kind)
        if element is not None:
            return kind, element.get("message") or (element.text or "").strip() or "no reason given"
    return "passed", None


def main(root, since):
    counts = {"passed": 0, "failure": 0, "error": 0, "skipped": 0}
    not_passed = []
    for case in test_cases(root, since):
        kind, reason = outcome(case)
        counts[kind] += 1
        if kind != "passed":
            first_line = reason.splitlines()[0]
            not_passed.append(f"{kind}: {case.get('classname')} {case.get('name')}: {first_line}")
    total = sum(counts.values())
    print(
        f"tests: {total} run, {counts['passed']} passed, {counts['failure']} failed, "
        f"{counts['error']} errors, {counts['skipped']} skipped"
    )
    for line in sorted(not_passed):
        print(f"  {line}")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
