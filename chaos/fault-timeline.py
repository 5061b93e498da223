"""Where a run's time went around each fault, from its report, history and node logs:

- every election after the first (at start-up) in the node logs: how long the winner had heard
  from no leader when it stood, and how long it then took to lead;
- for each fault, the operations the clients had in flight when it struck, how they ended and how
  long after it, with the node each client's calls start on (process p on node p mod N + 1 of N; a
  client moves on to the next node when its node is unavailable).

Times count from the history's first operation, when the clients start, as the report's do. It
ends with the medians over all the runs given.
Usage: fault-timeline.py RUN_DIR... (directories chaos/run.sh or chaos/long-runs.sh wrote)"""

import datetime
import glob
import os
import re
import statistics
import sys

FAULT_LINE = re.compile(r"^\s+(?P<start>[\d.]+) s \.\.\s+[\d.]+ s  (?P<description>[^;]*);")
LOG_LINE = re.compile(r"^(?P<time>\S+) INFO \S+ - (?P<node>n\d+)@")
STOOD = re.compile(r"change to CANDIDATE, lastRpcElapsedTime:(?P<silent>\d+)ms")
LED = re.compile(r"changes role from CANDIDATE to LEADER at term (?P<term>\d+)")
EVENT = re.compile(r":process (?P<process>[^,]+), :type :(?P<type>\w+), :f :(?P<f>\w+)")
TIME = re.compile(r":time (?P<nanos>\d+)")


def elections(run):
    """(term, winner, seconds it had not heard from a leader, seconds from standing to leading)."""
    events = []
    for log in glob.glob(os.path.join(run, "n*", "node.log")):
        with open(log, errors="replace") as text:
            for line in text:
                match = LOG_LINE.match(line)
                stood, led = STOOD.search(line), LED.search(line)
                if match and (stood or led):
                    at = datetime.datetime.fromisoformat(
                        match["time"].replace("+0000", "+00:00")
                    ).timestamp()
                    events.append((at, match["node"], stood, led))
    standing = {}
    for at, node, stood, led in sorted(events, key=lambda event: event[0]):
        if stood:
            standing[node] = (at, int(stood["silent"]) / 1000)
        elif node in standing:
            since, silent = standing.pop(node)
            if int(led["term"]) > 1:
                yield int(led["term"]), node, silent, at - since


def operations(run):
    """(start, end, process, function, outcome) in seconds from the history's first event."""
    events = []
    with open(os.path.join(run, "history.edn")) as text:
        for line in text:
            event, time = EVENT.search(line), TIME.search(line)
            if event and time and event["process"] != ":nemesis":
                events.append((int(time["nanos"]) / 1e9, event))
    origin = events[0][0] if events else 0
    pending = {}
    for at, event in events:
        if event["type"] == "invoke":
            pending[event["process"]] = (at - origin, event["f"])
        elif event["process"] in pending:
            start, function = pending.pop(event["process"])
            yield start, at - origin, event["process"], function, event["type"]


def faults(run):
    with open(os.path.join(run, "report.txt")) as text:
        for line in text:
            match = FAULT_LINE.match(line)
            if match:
                yield float(match["start"]), match["description"]


def node_count(run):
    with open(os.path.join(run, "report.txt")) as text:
        return int(re.search(r"(\d+) nodes", text.readline()).group(1))


def timeline(run):
    """Prints the run's elections and in-flight operations; returns them for the medians."""
    print(run)
    nodes = node_count(run)
    won = list(elections(run))
    print("elections: term, winner, silent for before standing, standing to leading")
    for term, winner, silent, standing in won:
        print(f"  term {term}: {winner}, {silent:.2f} s, {standing:.2f} s")
    spans = list(operations(run))
    print("in flight at each fault: process@node:function -> outcome after s")
    struck_all = []
    for start, description in faults(run):
        struck = sorted(
            (end - start, process, function, outcome)
            for begun, end, process, function, outcome in spans
            if begun < start <= end
        )
        struck_all.extend(struck)
        print(f"  {start:6.1f} s {description}")
        print(
            "         "
            + ", ".join(
                f"{process}@n{int(process) % nodes + 1}:{function} -> {outcome} {after:.2f} s"
                for after, process, function, outcome in struck
            )
        )
    return won, struck_all


def median(values):
    return f"{statistics.median(values):.2f} s" if values else "-"


def main(runs):
    won, struck = [], []
    for run in runs:
        if not os.path.exists(os.path.join(run, "report.txt")):
            print(f"{run}: no report (the run did not finish), left out")
            continue
        run_won, run_struck = timeline(run)
        won.extend(run_won)
        struck.extend(run_struck)
    print(
        f"all runs: {len(won)} elections, silent for {median([w[2] for w in won])} before "
        f"standing and {median([w[3] for w in won])} from standing to leading (medians); "
        f"{len(struck)} operations in flight at a fault, "
        f"{sum(1 for s in struck if s[0] >= 4)} of them ended 4 s or more after it"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
