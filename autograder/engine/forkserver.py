"""The fork server: one process per grader that has imported what notebooks import, and
forks the student's process of each notebook from itself.

Starting Python, numpy, matplotlib and IPython for every notebook costs about a second of
CPU; a fork costs a few milliseconds. The grader (:class:`autograder.engine.sandbox.ForkServer`)
starts this file as ``python -I forkserver.py SOCKET`` (in a new user namespace, where it
is root, when the machine sandboxes) and asks it over that Unix socket for one process per
notebook, sending the three pipe ends the new process keeps: the grader's requests, its
replies, and a pipe for its exit status. For each request it forks

1. a **supervisor** in a session of its own (the grader kills the session), which dies with
   the fork server. It waits for its first request, sent once the grader has moved it into
   the notebook's budget (:mod:`autograder.engine.budget`), creates the mount, PID and
   network namespaces and forks
2. the **student's process**, the first process of the new PID namespace (all others in it
   die with it) and of a session of its own there, so that no signal it sends reaches the
   supervisor. It dies with its supervisor, enters the sandbox and serves the grader
   (:func:`student_process.serve`). The supervisor writes its exit status (a returncode as
   :class:`subprocess.Popen` gives it) to the status pipe and exits.

The fork server exits when the grader's end of the socket closes (the grader exited or was
killed), and everything it forked dies with it. It imports only the standard library and
the modules beside it, by their paths, like the student's process: it must work where
``autograder`` cannot be imported.
"""

import importlib
import importlib.util
import os
import shutil
import signal
import socket
import sys
from pathlib import Path

PRELOADED = ("matplotlib.pyplot", "IPython.core.interactiveshell")  # what most notebooks import
CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x20000000, 0x40000000
MS_REC, MS_PRIVATE = 16384, 1 << 18
PR_SET_PDEATHSIG = 1


def _load(name):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


student_process = _load("student_process")


def _die_with(parent):
    """Have the kernel kill this process when its parent dies; exit now if it already has."""
    student_process._syscall("prctl", PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def supervise(server, requests, replies, status):
    """The supervisor's life (the forked child of the fork server): never returns."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the fork server ignores it; waitpid below needs it
    _die_with(server)
    os.setsid()
    try:
        config = student_process.receive(requests)  # the go-ahead: this process is in its budget
    except (EOFError, ValueError):  # the grader gave up on it
        os._exit(1)
    if config.get("sandbox"):
        student_process._syscall("unshare", CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET)
        student_process._mount(None, "/", flags=MS_REC | MS_PRIVATE)  # no mount of the sandbox leaks out
    supervisor = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(status)
        if config.get("sandbox"):
            _die_with(None)  # the first process of a namespace sees no parent
            os.setsid()  # nor shares its group: kill(0, …) and killpg reach only the namespace, never the supervisor
        else:
            _die_with(supervisor)
        try:
            student_process.serve(config, requests, replies)
        finally:
            os._exit(1)
    os.close(requests)
    os.close(replies)
    _, code = os.waitpid(pid, 0)
    os.write(status, str(os.waitstatus_to_exitcode(code)).encode())
    os._exit(0)


def main(fd, jobdir):
    connection = socket.socket(fileno=fd)
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:  # the notebook that imports it gets the error
            pass
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the supervisors; the grader reads their status
    server = os.getpid()
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(connection, 64, 3)
        except OSError:
            fds = []
        if len(fds) != 3:  # end of file: the grader is gone
            shutil.rmtree(jobdir, ignore_errors=True)
            return
        pid = os.fork()
        if pid == 0:
            try:
                connection.close()
                supervise(server, *fds)
            finally:
                os._exit(1)
        for child_fd in fds:
            os.close(child_fd)
        connection.sendall(str(pid).encode())


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
