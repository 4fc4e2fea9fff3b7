"""Execute one notebook the way `jupyter nbconvert --to notebook --execute`
does (nbclient's NotebookClient, which nbconvert's ExecutePreprocessor is),
timing each step. Run by bench/notebooks.bench.ts; prints one JSON line:

  python_ms   from the interpreter's start to nbclient imported
  kernel_ms   kernel process started until it answers kernel_info (ready)
  cells_ms    wall time of each code cell (execute request to reply and idle)
  write_ms    writing the executed notebook
  errors      code cells with an error output or a stderr stream

Usage: python bench/notebookDriver.py NOTEBOOK OUT.ipynb KERNEL_NAME TIMEOUT_S
"""

import json
import sys
import time

T_START = time.perf_counter()

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402


def main() -> None:
    src, out, kernel, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    t_import = time.perf_counter()
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=120, allow_errors=True)
    cells_ms = []
    errors = []
    t0 = time.perf_counter()
    with client.setup_kernel():
        kernel_ms = (time.perf_counter() - t0) * 1000
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            t = time.perf_counter()
            client.execute_cell(cell, i)
            cells_ms.append((time.perf_counter() - t) * 1000)
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr"):
                    errors.append({"cell": i + 1, "text": (o.get("evalue") or "".join(o.get("text", "")))[:300]})
    t = time.perf_counter()
    nbformat.write(nb, out)
    write_ms = (time.perf_counter() - t) * 1000
    print(json.dumps({
        "python_ms": (t_import - T_START) * 1000,
        "kernel_ms": kernel_ms,
        "cells_ms": cells_ms,
        "write_ms": write_ms,
        "errors": errors,
    }))


if __name__ == "__main__":
    main()
