#!/usr/bin/env python3
"""Counts STV elections with `alongside election count` and with stvpoll (VoteIT's Scottish STV, from PyPI),
and fails when they elect different people.

The elections: every BLT file given (Edinburgh's 2017 wards in CI, with the councillors the council declared
elected, which must also match) and random elections made here, seeded so a failure can be repeated. stvpoll
rounds transfer values where the Order truncates them and breaks exact ties at random; random elections where
stvpoll had to draw lots are left out of the comparison, and only who is elected is compared (not the order).
Also left out: elections where two or more candidates reach the quota at one stage and more is still to count.
stvpoll then passes the first surplus's papers to a candidate elected beside it whose own surplus waits
(its transfer_serial), where the Order (rule 48) passes them over to the next continuing candidate.
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from stvpoll.scottish_stv import calculate_scottish_stv


def read_blt(path):
    lines = [l.strip() for l in Path(path).read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    count, seats = map(int, lines[0].split())
    at = 1
    withdrawn = set()
    if lines[at].startswith("-"):
        withdrawn = {-int(x) for x in lines[at].split()}
        at += 1
    ballots = []
    while lines[at] != "0":
        parts = list(map(int, lines[at].split()))
        ranking = tuple(c for c in parts[1:-1] if c not in withdrawn)
        if ranking:
            ballots.append((ranking, parts[0]))
        at += 1
    names = [l.strip('"') for l in lines[at + 1:at + 1 + count]]
    candidates = tuple(c for c in range(1, count + 1) if c not in withdrawn)
    return names, candidates, seats, ballots


def stvpoll_count(path):
    names, candidates, seats, ballots = read_blt(path)
    result = calculate_scottish_stv(candidates, ballots, seats, allow_random=True, random_shuffle=False)
    rounds = result.as_dict()
    drew_lots = rounds.get("randomized", False)
    together = any(len(r["selected"]) > 1 and r["status"] == "Elected" for r in rounds["rounds"][:-1])
    return {names[c - 1] for c in result.elected_as_tuple()}, drew_lots, together


def alongside_count(binary, path):
    done = subprocess.run([binary, "election", "count", str(path)], capture_output=True, text=True,
                          env={"LOG_LEVEL": "warning", "DATABASE_URL": ":memory:", "PATH": "/usr/bin:/bin"})
    if done.returncode != 0:
        sys.exit(f"alongside election count {path} failed: {done.stderr or done.stdout}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def random_election(seed, folder):
    rng = random.Random(seed)
    count = rng.randint(3, 9)
    seats = rng.randint(1, min(4, count - 1))
    strength = [rng.random() ** 2 for _ in range(count)]
    lines = [f"{count} {seats}"]
    for _ in range(rng.randint(20, 400)):
        order = sorted(range(1, count + 1), key=lambda c: -strength[c - 1] * rng.random())
        length = rng.randint(1, count)
        lines.append(f"{rng.randint(1, 5)} {' '.join(map(str, order[:length]))} 0")
    lines.append("0")
    lines += [f'"Candidate {c}"' for c in range(1, count + 1)] + [f'"Random election {seed}"']
    path = Path(folder) / f"random-{seed}.blt"
    path.write_text("\n".join(lines) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--random", type=int, default=60)
    parser.add_argument("--declared", action="append", default=[], help="FILE=Name;Name;… the winners declared")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    declared = {Path(d.split("=", 1)[0]).name: set(d.split("=", 1)[1].split(";")) for d in args.declared}
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(f) for f in args.files] + [random_election(seed, folder) for seed in range(args.random)]
        compared = lots = apart = 0
        for path in paths:
            ours = alongside_count(args.binary, path)
            theirs, drew_lots, together = stvpoll_count(path)
            if path.name in declared and set(ours["elected"]) != declared[path.name]:
                sys.exit(f"{path.name}: Alongside elects {ours['elected']}; the council declared {sorted(declared[path.name])}")
            if drew_lots:
                lots += 1
                continue
            if together:
                apart += 1
                continue
            if set(ours["elected"]) != theirs:
                sys.exit(f"{path.name}: Alongside elects {sorted(ours['elected'])}; stvpoll elects {sorted(theirs)}")
            compared += 1
            print(f"{path.name}: the same {len(theirs)} elected, quota {ours['quota']}, {len(ours['stages'])} stages")
        print(f"{compared} elections counted alike by Alongside and stvpoll ({lots} left out where stvpoll drew lots, "
              f"{apart} where several were elected at one stage and stvpoll passes papers to them)")
        if compared < len(paths) // 2:
            sys.exit("fewer than half the elections could be compared")


if __name__ == "__main__":
    main()
