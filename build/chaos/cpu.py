#!/usr/bin/env python3
"""CPU attribution for build/chaos.sh: which process (and which API thread kind) used the cores, and when.

Samples /proc every --interval seconds until SIGTERM/SIGINT (or --seconds), then writes one JSON line per
sample to --out: {"t": epoch seconds, "cores": {group: cores used since the previous sample}}.

Groups, each given as NAME=SPEC:
  NAME=PID        that process (all its threads)
  NAME=tree:PID   that process and every descendant alive at each sample (PostgreSQL's backends)
  NAME=pgrep:TEXT every process whose command line contains TEXT (short-lived clients started later)
--threads NAME=PID (or NAME=pgrep:TEXT, the oldest match) breaks that process down by thread name (the first word of /proc/PID/task/TID/comm, so
"bcrypt 1" and "bcrypt 2" are one group, ".NET TP Worker" is the thread pool, ".NET Tiered Com" the JIT's
background tier-up, ".NET Server GC" / ".NET BGC" the collector), reported as "NAME:thread-kind".

`cpu.py summary --from T0 --to T1 FILE` prints the mean cores of each group over [T0, T1] as JSON, plus the
machine's "idle" (cores not used by anyone, from /proc/stat).
"""
import argparse
import json
import os
import signal
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def proc_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return None


def all_processes():
    """pid -> (ppid, cmdline) for every process."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            out[int(entry)] = (ppid, cmd)
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass
    return out


def group_members(spec, processes):
    if spec.startswith("tree:"):
        root = int(spec[5:])
        members, frontier = {root}, [root]
        children = {}
        for pid, (ppid, _) in processes.items():
            children.setdefault(ppid, []).append(pid)
        while frontier:
            for child in children.get(frontier.pop(), []):
                if child not in members:
                    members.add(child)
                    frontier.append(child)
        return members
    if spec.startswith("pgrep:"):
        text = spec[6:]
        me = os.getpid()
        return {pid for pid, (_, cmd) in processes.items() if text in cmd and pid != me}
    return {int(spec)}


def thread_ticks(pid):
    """thread kind -> ticks, for every live thread of pid."""
    kinds = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return kinds
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
            name = text[text.index("(") + 1:text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
        kind = name.split(" ")[0] if not name.startswith(".NET") else name
        kind = kind if kind.strip() else "unnamed"
        kinds[kind] = kinds.get(kind, 0) + ticks
    return kinds


def machine_idle_ticks():
    with open("/proc/stat") as f:
        fields = f.readline().split()
    return int(fields[4]) + int(fields[5])  # idle + iowait


def sample(groups, threads):
    processes = all_processes()
    totals = {}
    # Per group, ticks per member pid, so that a process that exits or starts between samples is not counted as a jump.
    for name, spec in groups:
        per_pid = {}
        for pid in group_members(spec, processes):
            ticks = proc_ticks(pid)
            if ticks is not None:
                per_pid[pid] = ticks
        totals[name] = per_pid
    for name, spec in threads:
        pids = group_members(spec, processes)
        if not pids:
            continue
        for kind, ticks in thread_ticks(min(pids)).items():
            totals[f"{name}:{kind}"] = {kind: ticks}
    totals["idle"] = {"machine": machine_idle_ticks()}
    return totals


def record(args):
    groups = [tuple(g.split("=", 1)) for g in args.group]
    threads = [tuple(t.split("=", 1)) for t in args.threads]
    stop = False

    def on_signal(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    deadline = time.time() + args.seconds if args.seconds else None
    previous, previous_t = sample(groups, threads), time.time()
    with open(args.out, "w") as out:
        while not stop and (deadline is None or time.time() < deadline):
            time.sleep(args.interval)
            current, now = sample(groups, threads), time.time()
            elapsed = now - previous_t
            cores = {}
            for name, members in current.items():
                before = previous.get(name, {})
                # A process that started since the last sample counts from its start (its ticks so far).
                used = sum(t - before[k] if k in before and t >= before[k] else (t if isinstance(k, int) else 0)
                           for k, t in members.items())
                cores[name] = round(used / TICK / elapsed, 3)
            out.write(json.dumps({"t": round(now, 3), "cores": cores}) + "\n")
            out.flush()
            previous, previous_t = current, now


def summary(args):
    sums, n = {}, 0
    with open(args.file) as f:
        for line in f:
            row = json.loads(line)
            if args.start <= row["t"] <= args.end:
                n += 1
                for name, cores in row["cores"].items():
                    sums[name] = sums.get(name, 0.0) + cores
    means = {name: round(total / n, 2) for name, total in sorted(sums.items(), key=lambda kv: -kv[1])} if n else {}
    print(json.dumps({"samples": n, "mean_cores": means}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    rec = sub.add_parser("record")
    rec.add_argument("--out", required=True)
    rec.add_argument("--interval", type=float, default=0.1)
    rec.add_argument("--seconds", type=float, default=0)
    rec.add_argument("--group", action="append", default=[], help="NAME=PID, NAME=tree:PID or NAME=pgrep:TEXT")
    rec.add_argument("--threads", action="append", default=[], help="NAME=PID or NAME=pgrep:TEXT: per thread kind")
    summ = sub.add_parser("summary")
    summ.add_argument("--from", dest="start", type=float, required=True)
    summ.add_argument("--to", dest="end", type=float, required=True)
    summ.add_argument("file")
    args = parser.parse_args()
    if args.command == "record":
        record(args)
    elif args.command == "summary":
        summary(args)
    else:
        parser.print_help()
        sys.exit(2)


if __name__ == "__main__":
    main()
