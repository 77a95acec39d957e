"""Time building the course website (``make site``, :mod:`autograder.site`) three ways, each into a new folder:

- with an empty execution cache (every source notebook executed, ``--jobs`` at a time): a fresh clone's build;
- after one notebook changed (its cached execution removed, as a changed hash makes it stale): an author's rebuild;
- with nothing changed (every execution cached): rendering alone.

The cache is a temporary folder, so ``build/site-cache/`` is neither used nor touched.

Run: ``.venv/bin/python benchmarks/site.py [--jobs 2] [--section ch02_neuron_models/hodgkin_huxley]``.
"""

import argparse
import tempfile
import time
from pathlib import Path

from autograder import site


def timed_build(output, jobs):
    start = time.perf_counter()
    site.build(output, jobs=jobs, log=lambda *args: None)
    return time.perf_counter() - start


def main(jobs, section):
    with tempfile.TemporaryDirectory(prefix="site-benchmark-") as folder:
        site.CACHE = Path(folder) / "cache"  # the pool's forked workers inherit it
        cold = timed_build(Path(folder) / "cold", jobs)
        site._cache_file(section).unlink()
        one = timed_build(Path(folder) / "one", jobs)
        warm = timed_build(Path(folder) / "warm", jobs)
    print(f"{len(site.pages())} pages, {jobs} notebooks executed at a time")
    print(f"empty cache:             {cold:6.1f} s")
    print(f"one notebook changed:    {one:6.1f} s  ({section})")
    print(f"nothing changed:         {warm:6.1f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default 2)")
    parser.add_argument("--section", default="ch02_neuron_models/leaky_integrate_and_fire",
                        help="the notebook whose execution is made stale (default 2.4)")
    args = parser.parse_args()
    main(args.jobs, args.section)
