#!/usr/bin/env python3
"""Runs processes for bench/startup.mjs and reports their wall and CPU time, to the microsecond.

Node exposes no rusage of a child, and GNU time prints user and sys rounded down to 10 ms each,
too coarse for processes that live 30-300 ms; os.wait4 returns the kernel's figures exactly.
One long-lived process: a JSON request per line on stdin, a JSON answer per line on stdout.
  request: {"argv": [...], "cwd": "...", "env": {...}, "stdout": "file", "stderr": "file"}
  answer:  {"code": int, "wall": s, "user": s, "sys": s, "maxrss_kib": int}
"""
import json
import os
import sys
import time

for line in sys.stdin:
    req = json.loads(line)
    out = os.open(req["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(req["cwd"])
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(out, 1)
            os.dup2(err, 2)
            os.execve(req["argv"][0], req["argv"], req["env"])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(out)
    os.close(err)
    code = os.waitstatus_to_exitcode(status)
    answer = {"code": code, "wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime, "maxrss_kib": usage.ru_maxrss}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
