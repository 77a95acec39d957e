"""Where a submission's budget (its control group) is created, on cgroup trees made up in a temporary folder:
the choice :func:`autograder.engine.budget.choose_hierarchies` makes from ``/proc/self/mounts`` and
``/proc/self/cgroup``. That the kernel then enforces the limits is ``tests/test_hostile.py``'s part, on this
machine's hierarchy (cgroup v1 here: the v2 choices are tested only here)."""

import pytest

from autograder.engine import budget
from autograder.engine.budget import choose_hierarchies


def _tree(root, subtree_controls):
    """Folders under ``root`` with the given ``cgroup.subtree_control`` texts (``{relative path: text}``)."""
    for relative, text in subtree_controls.items():
        folder = root / relative
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cgroup.subtree_control").write_text(text)


def _v2(root):
    return f"cgroup2 {root} cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n"


def test_cgroup_v1_uses_the_processs_own_groups(tmp_path):
    mounts = (f"cgroup {tmp_path / 'memory'} cgroup rw,relatime,memory 0 0\n"
              f"cgroup {tmp_path / 'pids'} cgroup rw,relatime,pids 0 0\n" + _v2(tmp_path / "unified"))
    groups = "8:pids:/\n4:memory:/process_api/abc\n0::/\n"
    assert choose_hierarchies(mounts, groups) == {"memory": tmp_path / "memory" / "process_api" / "abc",
                                                  "pids": tmp_path / "pids"}


def test_cgroup_v2_uses_the_processs_own_group_when_it_hands_both_controllers_on(tmp_path):
    _tree(tmp_path, {".": "cpu memory pids", "grader": "memory pids"})
    assert choose_hierarchies(_v2(tmp_path), "0::/grader\n") == {"memory": tmp_path / "grader",
                                                                "pids": tmp_path / "grader"}


def test_cgroup_v2_climbs_to_the_nearest_ancestor_that_does(tmp_path):
    """Root in a login session of a systemd machine: the session's scope holds processes, so it hands nothing
    on; its slice does."""
    _tree(tmp_path, {".": "cpu io memory pids", "user.slice": "memory pids", "user.slice/session-3.scope": ""})
    assert choose_hierarchies(_v2(tmp_path), "0::/user.slice/session-3.scope\n") == {
        "memory": tmp_path / "user.slice", "pids": tmp_path / "user.slice"}


def test_cgroup_v2_passes_over_an_ancestor_it_may_not_write(tmp_path, monkeypatch):
    _tree(tmp_path, {".": "memory pids", "user.slice": "memory pids", "user.slice/session-3.scope": ""})
    writable = budget.os.access
    monkeypatch.setattr(budget.os, "access", lambda path, mode: path != tmp_path / "user.slice" and writable(path, mode))
    assert choose_hierarchies(_v2(tmp_path), "0::/user.slice/session-3.scope\n") == {"memory": tmp_path,
                                                                                      "pids": tmp_path}


@pytest.mark.parametrize("controls", [
    {".": "cpu io", "user.slice": "cpu", "user.slice/session-3.scope": ""},  # no memory anywhere
    {".": "memory", "user.slice": "memory", "user.slice/session-3.scope": ""},  # memory, but never pids with it
])
def test_cgroup_v2_gives_nothing_where_no_group_hands_both_on(tmp_path, controls):
    _tree(tmp_path, controls)
    assert choose_hierarchies(_v2(tmp_path), "0::/user.slice/session-3.scope\n") == {}


def test_a_hybrid_machine_without_pids_in_v1_falls_back_to_v2(tmp_path):
    """Memory in v1 but pids in neither hierarchy: no budget (both limits or none)."""
    _tree(tmp_path / "unified", {".": "hugetlb"})
    mounts = f"cgroup {tmp_path / 'memory'} cgroup rw,relatime,memory 0 0\n" + _v2(tmp_path / "unified")
    assert choose_hierarchies(mounts, "4:memory:/\n0::/\n") == {}
