#!/usr/bin/env python3
"""Counts participatory budgeting rounds with `alongside budget count` and with pabutools (the COMSOC group's
reference implementation, from PyPI), and fails on any difference.

The rounds: every Pabulib file given, and random rounds made here (seeded, so a failure can be repeated),
small enough for pabutools' exact arithmetic. The rules, set up in pabutools as Alongside defines them:
  greedy             greedy_utilitarian_welfare with cost satisfaction (in order of votes, skipping misfits);
  equal-shares       method_of_equal_shares with cost satisfaction;
  equal-shares-add1  the same from a start of floor(budget / voters) a voter, raised by 1 while the outcome
                     fits the budget and is not exhaustive, then greedy for what is left.
Ties go to the lower cost, then more votes, then the lower id (as numbers when every id is one). Projects
nobody voted for are never funded by Alongside; they are left out of pabutools' instance.
"""
import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from pabutools.election import parse_pabulib, Cost_Sat, Instance
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.rules.budgetallocation import BudgetAllocation
from pabutools.rules.mes.mes_rule import method_of_equal_shares_scheme
from pabutools.tiebreaking import TieBreakingRule


def tie_breaking(instance):
    numeric = all(p.name.isdigit() for p in instance)
    def key(_instance, profile, project):
        votes = sum(1 for ballot in profile for _ in range(profile.multiplicity(ballot)) if project in ballot)
        return (project.cost, -votes, int(project.name) if numeric else project.name)
    return TieBreakingRule(key)


def without_unvoted(instance, profile):
    voted = {p for ballot in profile for p in ballot}
    kept = Instance(init=[p for p in instance if p in voted], budget_limit=instance.budget_limit)
    return kept, profile


def pabutools_count(instance, profile, rule):
    instance, profile = without_unvoted(instance, profile)
    ties = tie_breaking(instance)
    if rule == "greedy":
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=ties)
    elif rule == "equal-shares":
        outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, tie_breaking=ties)
    else:
        voters = profile.num_ballots()
        mes = method_of_equal_shares_scheme(
            instance, profile, profile.as_sat_profile(sat_class=Cost_Sat), math.floor(instance.budget_limit / voters),
            BudgetAllocation(), ties,
            voter_budget_increment=1, binary_sat=True)
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=ties, initial_budget_allocation=mes)
    return sorted(p.name for p in outcome), int(sum(p.cost for p in outcome))


def alongside_count(binary, path, rule):
    done = subprocess.run([binary, "budget", "count", str(path), "--rule", rule], capture_output=True, text=True,
                          env={"LOG_LEVEL": "warning", "DATABASE_URL": ":memory:", "PATH": "/usr/bin:/bin"})
    if done.returncode != 0:
        sys.exit(f"alongside budget count {path} --rule {rule} failed: {done.stderr or done.stdout}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return sorted(answer["selected"]), answer["cost"]


def random_round(seed, folder):
    rng = random.Random(seed)
    projects = rng.randint(3, 12)
    voters = rng.randint(5, 120)
    costs = [rng.choice([rng.randint(1, 50), rng.randint(10, 500) * 10]) for _ in range(projects)]
    budget = rng.randint(max(costs) // 2 + 1, sum(costs))
    lines = ["META", "key;value", f"description;random round {seed}", f"num_projects;{projects}", f"num_votes;{voters}",
             f"budget;{budget}", "vote_type;approval", "PROJECTS", "project_id;cost;name"]
    lines += [f"{p + 1};{cost};Project {p + 1}" for p, cost in enumerate(costs)]
    lines += ["VOTES", "voter_id;vote"]
    popular = [rng.random() for _ in range(projects)]
    for v in range(voters):
        chosen = [str(p + 1) for p in range(projects) if rng.random() < popular[p] * 0.7]
        lines.append(f"{v + 1};{','.join(chosen)}")
    path = Path(folder) / f"random-{seed}.pb"
    path.write_text("\n".join(lines) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--random", type=int, default=40, help="how many random rounds to count")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(f) for f in args.files] + [random_round(seed, folder) for seed in range(args.random)]
        compared = 0
        for path in paths:
            instance, profile = parse_pabulib(str(path))
            for rule in ["greedy", "equal-shares", "equal-shares-add1"]:
                ours = alongside_count(args.binary, path, rule)
                theirs = pabutools_count(instance, profile, rule)
                if ours != theirs:
                    sys.exit(f"{path.name}, {rule}: Alongside funds {ours[0]} (cost {ours[1]}); pabutools funds {theirs[0]} (cost {theirs[1]})")
                compared += 1
            # A round Alongside published: what it declared funded (the file's `selected` column) must be what
            # pabutools funds under the round's own rule.
            rule = instance.meta.get("rule")
            meta = getattr(instance, "project_meta", {})
            declared = sorted(p.name for p in instance if str(meta.get(p, {}).get("selected", "0")).strip() == "1")
            if rule and any("selected" in meta.get(p, {}) for p in instance):
                theirs = pabutools_count(instance, profile, rule)
                if declared != theirs[0]:
                    sys.exit(f"{path.name}: Alongside published {declared} as funded under {rule}; pabutools funds {theirs[0]}")
                print(f"{path.name}: the published results are what pabutools funds under {rule}")
            print(f"{path.name}: the same under all three rules")
        print(f"{compared} counts of {len(paths)} rounds: Alongside and pabutools agree on every one")


if __name__ == "__main__":
    main()
