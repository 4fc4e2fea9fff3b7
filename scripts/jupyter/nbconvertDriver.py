"""A long-lived nbconvert: one Python process that converts notebook after
notebook, so that importing nbconvert and nbclient (about 2 s of CPU on the
2-core machine) is paid once per lane instead of once per notebook
(scripts/jupyter/execute.ts, executeNotebooks).

Each request is one JSON line on stdin, {"args": [...]}, holding exactly the
command-line arguments of `python -m nbconvert ...` that a single execution
passes; the same NbConvertApp (a fresh instance per request) parses and runs
them, so a notebook is converted as the command line converts it. The answer
is one JSON line on this process's original stdout: {"code": 0} or
{"code": 1, "log": "<traceback and nbconvert's log>"}. Anything else printed
to stdout goes to stderr, so the answers stay one line each. End of stdin
ends the process.

Usage: python scripts/jupyter/nbconvertDriver.py
"""

import io
import json
import logging
import os
import sys
import traceback

from nbconvert.nbconvertapp import NbConvertApp

# answers go to the original stdout; everything else (print, logs) to stderr
ANSWERS = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
os.dup2(sys.stderr.fileno(), sys.stdout.fileno())


def convert(args: list) -> dict:
    """Run NbConvertApp on `args`; its log of this request is returned on failure."""
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    app = NbConvertApp()
    try:
        app.initialize(argv=args)
        app.log.addHandler(handler)
        app.start()
        return {"code": 0}
    except BaseException:  # noqa: BLE001 - any failure is reported, the driver goes on
        return {"code": 1, "log": log.getvalue() + traceback.format_exc()}
    finally:
        app.log.removeHandler(handler)


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = convert(json.loads(line)["args"])
        ANSWERS.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
