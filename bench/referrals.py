#!/usr/bin/env python3
"""Social prescribing benchmarks (issue 4): `alongside bench referrals` on a new SQLite database — 250 link
workers with 250 episodes each across every stage — and its figures written into docs/benchmarks.md.

  python3 bench/referrals.py [--binary .build/release/alongside] [--link-workers 250] [--episodes 250]
"""
import argparse
import datetime
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from directory import ROOT, replace_section, say  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/alongside"))
    parser.add_argument("--link-workers", type=int, default=250)
    parser.add_argument("--episodes", type=int, default=250)
    args = parser.parse_args()
    binary = str(pathlib.Path(args.binary).resolve())
    if not os.path.exists(binary):
        sys.exit(f"No binary at {binary}: run `swift build -c release` first")
    work = pathlib.Path(tempfile.mkdtemp(prefix="alongside-referral-bench-"))
    env = dict(os.environ, DATABASE_URL=str(work / "referrals.sqlite"), LOG_LEVEL="warning")
    try:
        process = subprocess.Popen([binary, "bench", "referrals", "--link-workers", str(args.link_workers), "--episodes", str(args.episodes)],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        table = []
        for line in process.stdout:
            say("    " + line.rstrip())
            if line.startswith("|") or line.startswith("("):
                table.append(line.rstrip())
        if process.wait() != 0:
            sys.exit("alongside bench referrals failed")
        lines = [
            "## Social prescribing (issue 4)",
            "",
            f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, SQLite, "
            f"with `{os.path.relpath(binary, ROOT)}` by `python3 bench/referrals.py` ({args.link_workers} link workers × {args.episodes} episodes).",
            "",
            *table,
            "",
            "The caseload page shows the 50 referrals that have waited longest for the team (with how many wait in all), the "
            "link worker's own open episodes and how many they took on this year. The closed loop is the store's work "
            "for each action a person takes, without HTTP.",
        ]
        replace_section("referrals", lines)
        say("\n".join(lines))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
