#!/usr/bin/env python3
"""Slow clients for build/chaos.sh scenario 3 (loopback only; stops by itself).

Opens, against 127.0.0.1:PORT, for --seconds:
  --idle N          TCP connections that connect and then send nothing at all
  --slow-body N     POST /api/auth/login with complete headers (Content-Length 4096), then one body
                    byte per second (slowloris on the body)
  --slow-headers N  GET / whose header lines arrive one every 5 seconds (slowloris on the headers)
With --ready-file PATH it creates PATH once every connection is open, so that the caller can start measuring on that
progress instead of after a guessed number of seconds. It prints one JSON object: per kind, how many connected (the kernel accepted the connection; Kestrel
takes it from the backlog as it can), how many the server closed and when
(seconds after connecting), and the first bytes of any answer the server sent before closing.
"""
import argparse
import json
import selectors
import socket
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idle", type=int, default=0)
    parser.add_argument("--slow-body", type=int, default=0)
    parser.add_argument("--slow-headers", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--ready-file")
    args = parser.parse_args()

    sel = selectors.DefaultSelector()
    conns = []  # dicts: kind, sock, opened, closed_after, answer, next_send
    refused = {"idle": 0, "slow_body": 0, "slow_headers": 0}
    start = time.monotonic()
    for kind, count in (("idle", args.idle), ("slow_body", args.slow_body), ("slow_headers", args.slow_headers)):
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(2)
            try:
                s.connect(("127.0.0.1", args.port))
            except OSError:
                refused[kind] += 1
                s.close()
                continue
            s.setblocking(False)
            c = {"kind": kind, "sock": s, "opened": time.monotonic(), "closed_after": None, "answer": b"", "sent": 0}
            if kind == "slow_body":
                s.send(b"POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       b"Content-Length: 4096\r\n\r\n{")
            elif kind == "slow_headers":
                s.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            sel.register(s, selectors.EVENT_READ, c)
            conns.append(c)

    if args.ready_file:
        with open(args.ready_file, "w") as ready:
            ready.write(json.dumps({"connected": len(conns), "after_s": round(time.monotonic() - start, 2)}) + "\n")

    last_tick = {"slow_body": time.monotonic(), "slow_headers": time.monotonic()}
    while time.monotonic() - start < args.seconds:
        for key, _ in sel.select(timeout=0.2):
            c = key.data
            try:
                data = c["sock"].recv(4096)
            except OSError:
                data = b""
            if data:
                c["answer"] += data[: 200 - len(c["answer"])]
                continue
            c["closed_after"] = time.monotonic() - c["opened"]
            sel.unregister(c["sock"])
            c["sock"].close()
        now = time.monotonic()
        for kind, every, chunk in (("slow_body", 1.0, b" "), ("slow_headers", 5.0, b"X-Slow: 1\r\n")):
            if now - last_tick[kind] < every:
                continue
            last_tick[kind] = now
            for c in conns:
                if c["kind"] == kind and c["closed_after"] is None:
                    try:
                        c["sock"].send(chunk)
                        c["sent"] += len(chunk)
                    except OSError:
                        pass

    report = {}
    for kind in ("idle", "slow_body", "slow_headers"):
        mine = [c for c in conns if c["kind"] == kind]
        closed = sorted(c["closed_after"] for c in mine if c["closed_after"] is not None)
        answers = sorted({c["answer"].split(b"\r\n", 1)[0].decode("latin-1") for c in mine if c["answer"]})
        report[kind] = {
            "connected": len(mine),
            "refused": refused[kind],
            "closed_by_server": len(closed),
            "still_open_at_end": len(mine) - len(closed),
            "closed_after_s_median": round(statistics.median(closed), 1) if closed else None,
            "closed_after_s_max": round(closed[-1], 1) if closed else None,
            "answers": answers,
        }
    for c in conns:
        if c["closed_after"] is None:
            c["sock"].close()
    report["seconds"] = args.seconds
    print(json.dumps(report))


if __name__ == "__main__":
    main()
