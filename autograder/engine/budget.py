"""One submission, one budget: a control group (cgroup) that holds a student's process and
every process it starts, so that together they get at most the notebook's memory and a
fixed number of processes, and none of them outlives the grading.

The Linux kernel enforces both limits on the whole group (cgroup v2 ``memory.max`` and
``pids.max``, or v1 ``memory.limit_in_bytes`` and ``pids.max``): a fork past the process
limit fails with ``BlockingIOError`` in the student's code, and memory past the limit
makes the kernel kill a process of the group, never one outside it. Creating a group
needs write access to the cgroup hierarchy: root, or a delegated subtree (:func:`choose_hierarchies`).
Elsewhere :class:`Budget` limits nothing and grading relies on the per-process address
space limit and the PID namespace alone (README, *Isolation*).
"""

import functools
import itertools
import os
import signal
import time
from pathlib import Path

from autograder.engine.limits import PROCESS_LIMIT

PREFIX = "autograder-"  # the groups' names: autograder-<grader's pid>-<serial number>
_serial = itertools.count()


def _hierarchies():
    """Where to create groups: ``{controller: folder}`` for ``memory`` and ``pids``, or ``{}`` if no hierarchy
    allows it (:func:`choose_hierarchies` on this process's mounts and groups)."""
    return choose_hierarchies(Path("/proc/self/mounts").read_text(), Path("/proc/self/cgroup").read_text())


def choose_hierarchies(mounts, groups):
    """Where to create groups, from the texts of ``/proc/self/mounts`` and ``/proc/self/cgroup``.

    cgroup v1 when both controllers are mounted there: this process's own groups. Else cgroup v2: the nearest
    of this process's group and its ancestors that hands both controllers to its children
    (``cgroup.subtree_control``) and that this process may write. In v2 a group that hands controllers
    on holds no process but the hierarchy's root does, so the grader's own group rarely qualifies; for
    root on a systemd machine an ancestor (a slice, the root) does.

    Returns
    -------
    dict
        ``{"memory": folder, "pids": folder}`` (the same folder in v2), or ``{}``.
    """
    points = {}
    for line in mounts.splitlines():
        _, point, kind, options = line.split()[:4]
        if kind == "cgroup2":
            points["cgroup2"] = Path(point)
        elif kind == "cgroup":
            points |= {option: Path(point) for option in options.split(",") if option in ("memory", "pids")}
    mine = {}
    for line in groups.splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else ["cgroup2"]:
            if controller in points:
                mine[controller] = points[controller] / path.lstrip("/")
    if "memory" in mine and "pids" in mine:
        return {controller: mine[controller] for controller in ("memory", "pids")}
    folder = mine.get("cgroup2")
    while folder is not None and folder.is_relative_to(points["cgroup2"]):
        try:
            delegated = set((folder / "cgroup.subtree_control").read_text().split())
        except OSError:
            delegated = set()
        if {"memory", "pids"} <= delegated and os.access(folder, os.W_OK):
            return {"memory": folder, "pids": folder}
        folder = folder.parent if folder != points["cgroup2"] else None
    return {}


def _remove_stale(parent):
    """Remove the empty groups of graders that died without removing theirs (killed by SIGKILL)."""
    for folder in parent.glob(PREFIX + "*"):
        owner = folder.name.removeprefix(PREFIX).split("-")[0]
        if owner.isdigit() and not Path(f"/proc/{owner}").exists():
            try:
                folder.rmdir()
            except OSError:  # still has processes, or another grader removed it
                pass


@functools.cache
def budget_available():
    """Whether this machine lets the grader create groups with both limits."""
    try:
        Budget(2**30, PROCESS_LIMIT).close()
        return True
    except OSError:
        return False


class Budget:
    """A control group for one student's process tree.

    Parameters
    ----------
    memory : int
        Bytes of memory of all its processes together.
    processes : int
        How many processes (and threads) it may have at once.

    Raises
    ------
    OSError
        If the machine does not allow creating the group.
    """

    def __init__(self, memory, processes=PROCESS_LIMIT):
        hierarchies = _hierarchies()
        if not hierarchies:
            raise OSError("no writable cgroup hierarchy with the memory and pids controllers")
        self.folders = []
        name = f"{PREFIX}{os.getpid()}-{next(_serial)}"
        try:
            for parent in dict.fromkeys(hierarchies.values()):
                _remove_stale(parent)
                (parent / name).mkdir()
                self.folders.append(parent / name)
            memory_folder, pids_folder = hierarchies["memory"] / name, hierarchies["pids"] / name
            v2 = memory_folder == pids_folder
            (memory_folder / ("memory.max" if v2 else "memory.limit_in_bytes")).write_text(str(int(memory)))
            swap = memory_folder / ("memory.swap.max" if v2 else "memory.memsw.limit_in_bytes")
            if swap.exists():  # no way around the limit through swap
                swap.write_text("0" if v2 else str(int(memory)))
            (pids_folder / "pids.max").write_text(str(int(processes)))
        except OSError:
            self.close()
            raise

    def join(self, pid):
        """Move process ``pid`` into the group (before it starts the student's code: those it starts follow it)."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(pid))

    def processes(self):
        """The process ids in the group now."""
        pids = set()
        for folder in self.folders:
            try:
                pids |= {int(pid) for pid in (folder / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return pids

    def close(self, timeout=30.0):
        """Kill every process of the group, wait until none is left, and remove the group."""
        deadline = time.monotonic() + timeout
        while (pids := self.processes()) and time.monotonic() < deadline:
            for pid in pids:  # a process forking meanwhile adds a child, killed in the next round
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.005)
        for folder in self.folders:
            while True:
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # busy: the kernel is still tearing down a killed process
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.005)
        self.folders = []


class NoBudget:
    """What grading uses where no group can be made: limits nothing."""

    folders = ()

    def join(self, pid):
        pass

    def processes(self):
        return set()

    def close(self, timeout=0.0):
        pass


def budget(memory, processes=PROCESS_LIMIT):
    """A :class:`Budget` where the machine allows one, else a :class:`NoBudget`."""
    if budget_available():
        try:
            return Budget(memory, processes)
        except OSError:  # e.g. the hierarchy's own limit on groups: grade without, rather than not at all
            pass
    return NoBudget()
