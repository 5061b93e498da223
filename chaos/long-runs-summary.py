"""Availability over all the long runs, from their reports: for each fault, how many injections,
and the median time to the first acknowledged write and to half rate after the heal; apart for the
injections that struck the leader, and for every kill or isolation of the leader together. chaos/long-runs.sh prints it after the runs' lines.
Usage: long-runs-summary.py DIR (the directory holding one directory per run)"""

import glob
import os
import re
import statistics
import sys

FAULT_LINE = re.compile(
    r"^\s+[\d.]+ s \.\.\s+[\d.]+ s  (?P<description>.*); "
    r"first write after (?P<write>[\d.]+ s|never), "
    r"back to half rate (?P<recovery>[\d.]+ s|never|unmeasured \(clients stopped\)) after heal$"
)


def seconds(figure):
    return float(figure[:-2]) if figure.endswith(" s") else None


def injections(directory):
    """(fault of the run, description, seconds to the first write, seconds to half rate)."""
    for report in sorted(glob.glob(os.path.join(directory, "*", "report.txt"))):
        with open(report) as text:
            first = text.readline()
            fault = re.search(r"fault (\S+),", first).group(1)
            for line in text:
                match = FAULT_LINE.match(line.rstrip("\n"))
                if match:
                    yield (
                        fault,
                        match["description"],
                        seconds(match["write"]),
                        seconds(match["recovery"]),
                    )


def figures(values):
    known = [value for value in values if value is not None]
    never = len(values) - len(known)
    median = f"{statistics.median(known):.2f} s" if known else "-"
    return f"median {median} ({len(known)} measured, {never} never or unmeasured)"


def leader_lost(row):
    """A kill or an isolation of the leader, in a run of that fault or of all of them."""
    description = row[1]
    return "(the leader)" in description and (
        description.startswith("killed") or description.startswith("partition-leader: isolated")
    )


def main(directory):
    rows = list(injections(directory))
    print("fault | struck | injections | to the first write | to half rate after heal")
    for fault in sorted({row[0] for row in rows}):
        for struck, picked in (
            ("any node", lambda row: True),
            ("the leader", lambda row: "(the leader)" in row[1]),
        ):
            chosen = [row for row in rows if row[0] == fault and picked(row)]
            if chosen:
                print(row_line(fault, struck, chosen))
    lost = [row for row in rows if leader_lost(row)]
    print(row_line("kill or partition-leader, all runs", "the leader", lost))


def row_line(fault, struck, chosen):
    return (
        f"{fault} | {struck} | {len(chosen)} | "
        f"{figures([row[2] for row in chosen])} | {figures([row[3] for row in chosen])}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
