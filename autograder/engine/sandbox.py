"""The grader's side of isolated grading: a student's notebook runs in its own
sandboxed process (:mod:`autograder.engine.student_process`) and the checks call its
functions from here.

A :class:`Session` is one notebook's run. It executes cells in the student's
process, and hands the checks :class:`StudentFunction` proxies that send each
call's arguments to that process and bring back its result as plain data. A
cell or call that runs past its time limit, exhausts its memory or stops the
process costs only what it was doing: the session starts a new process,
replays the cells that had run, and goes on.

The sandbox needs Linux user namespaces (``unshare`` from util-linux).
"""

import functools
import glob
import os
import select
import shutil
import signal
import site
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from autograder import course
from autograder.engine.budget import budget
from autograder.engine.limits import MEMORY_LIMIT, PROCESS_LIMIT, Limits
from autograder.engine.wire import decode, encode, named_exception, receive, send

FORK_SERVER_SCRIPT = Path(__file__).with_name("forkserver.py")
FILE_SIZE_LIMIT = 64 * 2**20  # bytes per file it writes
MAX_RESTARTS = 3  # new processes per notebook after the first
STARTUP_TIMEOUT = 60.0  # seconds for a new process to get ready
MARGIN = 2.0  # seconds the grader waits beyond a time limit the student's process enforces itself
UNSHARE = ("unshare", "--user", "--map-root-user", "--mount", "--pid", "--net", "--fork", "--kill-child")
USER_NAMESPACE = ("unshare", "--user", "--map-root-user")  # the fork server's: its children create the others


class StudentProcessError(Exception):
    """The student's process stopped, hung or sent something unreadable."""


class NotebookTimeout(Exception):
    """The notebook ran past its time limit: nothing more of it is graded."""


class FunctionTimeout(Exception):
    """A student's function did not return within the time left to its check."""


class NotebookStopped(Exception):
    """A student's function stopped its own process (``os._exit``, a signal, …)."""


class StudentException(Exception):
    """An exception a student's function raised, re-raised here under its own class name."""


def die_with_parent():
    """Have the kernel kill this process when the process that started it dies
    (``PR_SET_PDEATHSIG``), so that no grading process outlives an interrupted run."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@functools.cache
def sandbox_available():
    """Whether this machine can create the namespaces of the sandbox."""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run([*UNSHARE, "true"], capture_output=True).returncode == 0


def _font_cache(folder):
    """Matplotlib's font list, copied to ``folder`` (where the fork server's matplotlib looks) so
    that it is not rebuilt; ``{path: text}``, empty if there is none."""
    try:
        import matplotlib

        path = max(glob.glob(os.path.join(matplotlib.get_cachedir(), "fontlist-*.json")), default=None)
    except Exception:  # noqa: BLE001 - without the cache matplotlib rebuilds it, slower
        return {}
    return {f"{folder}/{os.path.basename(path)}": Path(path).read_text()} if path else {}


class ForkServer:
    """The grader's fork server (:mod:`autograder.engine.forkserver`): a process, one per
    grader process and kind (sandboxed or not), that forks each student's process with
    numpy, matplotlib and IPython already imported.

    It is started on first use, started again if it has died, and exits when the grader's
    end of its socket closes; a process forked from the grader forgets its parent's server.
    """

    _servers = {}  # sandbox: ForkServer
    _lock = threading.Lock()

    def __init__(self, sandbox):
        self.jobdir = Path(tempfile.mkdtemp(prefix="autograder-forkserver-"))
        self.matplotlib = str(self.jobdir / "mpl")
        self.files = _font_cache(self.matplotlib)
        for path, text in self.files.items():
            Path(path).parent.mkdir(exist_ok=True)
            Path(path).write_text(text)
        self.connection, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(self.jobdir), "LANG": "C.UTF-8",
               "MPLBACKEND": "Agg", "MPLCONFIGDIR": self.matplotlib, "IPYTHONDIR": str(self.jobdir / "ipython"),
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        command = [sys.executable, "-I", str(FORK_SERVER_SCRIPT), str(theirs.fileno()), str(self.jobdir)]
        with theirs:
            self.process = subprocess.Popen(
                [*USER_NAMESPACE, *command] if sandbox else command, env=env, cwd=self.jobdir,
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True)
        self.connection.settimeout(STARTUP_TIMEOUT)
        self.lock = threading.Lock()

    @classmethod
    def of(cls, sandbox):
        """This process's running fork server of that kind."""
        with cls._lock:
            server = cls._servers.get(sandbox)
            if server is None or server.process.poll() is not None:
                server = cls._servers[sandbox] = cls(sandbox)
            return server

    @classmethod
    def _forget(cls):
        """In a process forked from the grader: its parent's servers are not its own."""
        for server in cls._servers.values():
            server.connection.close()
        cls._servers = {}
        cls._lock = threading.Lock()

    def fork(self, fds):
        """A new supervisor that keeps ``fds`` (requests, replies, status): its process id.

        Raises
        ------
        StudentProcessError
            If the fork server did not answer.
        """
        with self.lock:
            try:
                socket.send_fds(self.connection, [b"fork"], list(fds))
                reply = self.connection.recv(64)
            except OSError as error:
                reply, why = b"", str(error)
            else:
                why = "it closed its socket"
        if not reply:
            self.process.kill()
            raise StudentProcessError(f"the fork server did not start a process ({why})")
        return int(reply)


os.register_at_fork(after_in_child=ForkServer._forget)


class StudentProcess:
    """One sandboxed process running a student's code, and the pipes to it.

    It is forked from the :class:`ForkServer` through a supervisor: killing the
    supervisor's session stops it and its namespace, and the supervisor writes its exit
    status to a pipe (:meth:`poll`, :meth:`wait`).

    Parameters
    ----------
    workdir : Path
        The student's folder, the only one it can write.
    memory : int
        Bytes of memory of it and the processes it starts together, and of its address space.
    processes : int
        How many processes it and those it starts may be at once.
    sandbox : bool
        Run in new namespaces with the course hidden (True), or as a plain
        process (False, for machines without user namespaces).
    """

    def __init__(self, workdir, memory=MEMORY_LIMIT, processes=PROCESS_LIMIT, sandbox=True):
        self.budget = budget(memory, processes)
        self.jobdir = Path(tempfile.mkdtemp(prefix="autograder-process-"))
        self.returncode = None
        root = self.jobdir / "root"
        root.mkdir()
        server = ForkServer.of(sandbox)
        environment = ({"HOME": "/home/student", "IPYTHONDIR": "/tmp/ipython"} if sandbox else
                       {"HOME": str(workdir), "IPYTHONDIR": str(self.jobdir / "ipython")})
        config = {
            "sandbox": sandbox, "root": str(root), "workdir": str(workdir), "memory": memory,
            "file_size": FILE_SIZE_LIMIT, "hidden": [str(course.ROOT)], "files": server.files,
            "environment": environment,
            "readable": sorted({sys.prefix, sys.base_prefix, *site.getsitepackages(),
                                *(sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib"))}),
        }
        requests_read, self.requests = os.pipe()
        self.replies, replies_write = os.pipe()
        self.status, status_write = os.pipe()
        try:
            self.pid = server.fork((requests_read, replies_write, status_write))
        except StudentProcessError:
            for fd in (self.requests, self.replies, self.status):
                os.close(fd)
            self.budget.close()
            shutil.rmtree(self.jobdir, ignore_errors=True)
            raise
        finally:
            for fd in (requests_read, replies_write, status_write):
                os.close(fd)
        try:
            self.budget.join(self.pid)
            send(self.requests, config)  # the go-ahead: it is in its budget
            self._wait_readable(STARTUP_TIMEOUT)
            if not receive(self.replies).get("ready"):
                raise ValueError("it did not say it was ready")
        except (OSError, EOFError, ValueError, StudentProcessError) as error:
            why = self._why_stopped(error)
            self.kill()
            raise StudentProcessError(f"the student's process did not start ({why})") from None

    def poll(self):
        """Its exit status as :class:`subprocess.Popen` gives it (negative: killed by that signal), or
        None while it runs."""
        return self.wait(0.0)

    def wait(self, timeout=None):
        """Wait at most ``timeout`` seconds (None: until it has exited) for its exit status; None if it runs on."""
        if self.returncode is None and select.select([self.status], [], [], timeout)[0]:
            text = os.read(self.status, 64)
            self.returncode = int(text) if text else -signal.SIGKILL  # no status: its supervisor was killed
        return self.returncode

    def _wait_readable(self, timeout):
        if not select.select([self.replies], [], [], max(timeout, 0.0))[0]:
            raise StudentProcessError(f"it did not answer within {timeout:g} s and was stopped "
                                      "(an endless loop that outlasts the time limit?)")

    def request(self, message, timeout):
        """Send a request and wait at most ``timeout`` seconds for its reply.

        Raises
        ------
        StudentProcessError
            If the process stopped, did not answer in time or answered garbage;
            the process is then killed.
        """
        try:
            send(self.requests, message)
            self._wait_readable(timeout)
            return receive(self.replies)
        except (OSError, EOFError, ValueError, StudentProcessError) as error:
            why = self._why_stopped(error)
            self.kill()
            raise StudentProcessError(why) from None

    def _why_stopped(self, error):
        """Why a request failed, said before the process is killed."""
        if isinstance(error, EOFError):
            self.wait(timeout=1)  # the pipe closed: the process is exiting
        code = self.poll()
        if isinstance(error, StudentProcessError):
            return str(error)
        if code is None:
            return f"its process sent something unreadable ({error})"
        if code < 0:
            return f"its process was killed by signal {signal.Signals(-code).name}"
        return f"its process exited with code {code}"

    def kill(self):
        """Stop the process and everything it started (its PID namespace goes with it), and
        return once all of them are gone where they have a budget."""
        if self.requests is None:  # killed before
            return
        if self.poll() is None:
            for kill in (os.killpg, os.kill):  # its session, and itself should it not have made one yet
                try:
                    kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.wait()
        self.budget.close()
        for fd in (self.requests, self.replies, self.status):
            os.close(fd)
        self.requests = self.replies = self.status = None
        shutil.rmtree(self.jobdir, ignore_errors=True)

class Session:
    """One notebook's run in a student's process: the process's life, restarted after a crash.

    Parameters
    ----------
    limits : Limits
        Seconds a cell may run, a hidden check may take and the whole notebook may take (past
        them every request fails with :class:`NotebookTimeout`), and the memory limit.
    sandbox : bool, optional
        Whether to sandbox the process; by default, when the machine can.
    """

    def __init__(self, limits=Limits(), sandbox=None):
        self.limits, self.end = limits, time.monotonic() + limits.notebook
        self.sandbox = sandbox_available() if sandbox is None else sandbox
        self.workdir = Path(tempfile.mkdtemp(prefix="autograder-student-"))
        self.history = []  # sources that ran without stopping the process, for replays
        self.restarts = 0
        self.process = StudentProcess(self.workdir, limits.memory, limits.processes, self.sandbox)
        self.calls = RemoteCalls(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Stop the student's process (nothing of it is needed any more) and remove its folder."""
        self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def request(self, message, timeout):
        """A request whose failure restarts the process; raises ``StudentProcessError`` after restarting,
        or :class:`NotebookTimeout` when the notebook's time is up."""
        try:
            if self.process.poll() is not None:  # it stopped after its last reply (a thread of it, the OOM
                self._restart()  # killer): not this request's doing, which runs in a new process
            left = self.end - time.monotonic()
            if left <= 0:
                raise StudentProcessError("no time left")
            return self.process.request(message, min(timeout, left))
        except StudentProcessError as error:
            if time.monotonic() >= self.end:
                self.process.kill()
                raise NotebookTimeout("the notebook did not finish within its time limit of "
                                      f"{self.limits.notebook:g} s") from None
            self._restart()
            raise error

    def _restart(self):
        """A new process that has run every cell of the history again."""
        if self.restarts >= MAX_RESTARTS:
            raise StudentProcessError(f"its process stopped {self.restarts + 1} times; the rest is not graded")
        self.restarts += 1
        self.process = StudentProcess(self.workdir, self.limits.memory, self.limits.processes, self.sandbox)
        for source in self.history:
            self.process.request({"op": "run", "source": source, "time_limit": self.limits.cell},
                                 self.limits.cell + MARGIN)

    def run(self, source):
        """Run a cell in the student's process.

        Returns
        -------
        error : str or None
            Why the cell failed, if it did.
        stderr : str
            What it wrote to stderr.
        """
        try:
            reply = self.request({"op": "run", "source": source, "time_limit": self.limits.cell},
                                 self.limits.cell + MARGIN)
        except StudentProcessError as error:
            return f"the cell stopped the notebook: {error}", ""
        if not reply.get("timed_out"):  # a replay would only time out again
            self.history.append(source)
        return reply.get("error"), str(reply.get("stderr", ""))

    def lookup(self, name):
        """What the student's notebook has under ``name``: ``{"exists": bool, "callable": bool,
        "value": encoded value}``, the value only for a name that cannot be called."""
        return self.request({"op": "lookup", "name": name}, self.limits.cell + MARGIN)

    def check(self, hidden):
        """Run a hidden test here, its student's functions in the student's process
        (:meth:`RemoteCalls.check`)."""
        return self.calls.check(hidden)


class StudentFunction:
    """What a check receives for a function of the student's notebook: calling it
    runs the function in the student's process, with the arguments and the
    result copied across as data."""

    def __init__(self, calls, name):
        self.calls, self.__name__ = calls, name

    def __call__(self, *args, **kwargs):
        return self.calls.call(self.__name__, args, kwargs)

    def __repr__(self):
        return f"<the student's {self.__name__}>"


class _StudentNames(dict):
    """The namespace a hidden test runs in: names it does not define itself
    (``from checks … import … as checks`` does) are the student's: a
    function as a :class:`StudentFunction`, any other value (a discovery answer)
    copied across as data."""

    def __init__(self, calls):
        super().__init__()
        self.calls = calls

    def __missing__(self, name):
        found = self.calls.session.lookup(name)
        if not found.get("exists"):
            raise KeyError(name)
        if found.get("callable"):
            return StudentFunction(self.calls, name)
        try:
            return decode(found["value"])
        except (KeyError, TypeError, ValueError) as error:
            raise StudentException(f"the value of {name} could not be read ({type(error).__name__}: {error})") from None


class RemoteCalls:
    """Hidden tests run in the grader, calling the student's functions in a session's process:
    each call's deadline, the callbacks a student's function makes into the check, and what the
    call did to its arguments, carried back."""

    def __init__(self, session):
        self.session, self.deadline, self.stderr = session, None, ""

    def check(self, hidden):
        """Run a hidden test here, its student's functions in the student's process.

        Returns
        -------
        message : str or None
            The failure message, or None if the check passed.
        evidence : dict or None
            What a failed comparison compared (:func:`autograder.checking.evidence`), for plots.
        """
        self.deadline, self.stderr = time.monotonic() + self.session.limits.check, ""
        namespace = _StudentNames(self)
        try:
            exec(compile(hidden, "<hidden test>", "exec"), {"__builtins__": __builtins__}, namespace)
        except AssertionError as error:
            return str(error) or "AssertionError", getattr(error, "evidence", None)
        except NotebookTimeout:  # not the check's failure: the notebook is over
            raise
        except StudentProcessError as error:
            return f"the check stopped the notebook: {error}", None
        except Exception as error:  # noqa: BLE001 - e.g. NameError for a function the notebook lacks
            return f"{type(error).__name__}: {error}", None
        finally:
            self.deadline = None
        if self.stderr.strip():
            return ("the test cell wrote to stderr, which nbgrader counts as a failure:\n"
                    + self.stderr.strip()[:2000]), None
        return None, None

    def call(self, name, args, kwargs):
        """Call the student's function ``name``; see :class:`StudentFunction`."""
        limit = self.session.limits.check
        deadline = self.deadline or time.monotonic() + limit
        if deadline <= time.monotonic():
            raise FunctionTimeout(f"the check ran out of its {limit:g} s")
        callables = []
        message = {"op": "call", "name": name, "args": encode(list(args), callables=callables),
                   "kwargs": encode(dict(kwargs), callables=callables), "time_limit": deadline - time.monotonic()}
        try:
            reply = self.session.request(message, deadline - time.monotonic() + MARGIN)
            while "callback" in reply:  # the function calls a function the check gave it
                reply = self.session.request(self._answer_callback(callables, reply),
                                             deadline - time.monotonic() + MARGIN)
        except StudentProcessError as error:
            raise NotebookStopped(f"{error}; the notebook was run again in a new process") from None
        if reply.get("timed_out"):
            raise FunctionTimeout(f"it did not return within the check's time limit ({limit:g} s; an infinite loop?)")
        self.stderr += str(reply.get("stderr", ""))
        try:
            self._update_arguments(args, kwargs, reply)
            if "error" in reply:
                kind, text = str(reply["error"].get("type")), str(reply["error"].get("message", ""))
                raise (NotImplementedError if kind == "NotImplementedError"
                       else named_exception(kind, StudentException))(text)
            return decode(reply["value"])
        except (KeyError, TypeError, ValueError) as error:
            raise StudentException(f"its result could not be read ({type(error).__name__}: {error})") from None

    @staticmethod
    def _answer_callback(callables, request):
        """Call the check's function the student's function called, with the arguments it sent."""
        try:
            function = callables[int(request["callback"])]
            with np.errstate(all="ignore"):
                return {"value": encode(function(*decode(request["args"]), **decode(request["kwargs"])))}
        except Exception as error:  # noqa: BLE001 - e.g. the student passed an argument of the wrong type
            return {"error": {"type": type(error).__name__, "message": str(error)}}

    @staticmethod
    def _update_arguments(args, kwargs, reply):
        """Carry back what the call did to its arguments: arrays it changed, generators it drew from."""
        def argument(key):
            key = decode(key)
            return args[key] if isinstance(key, int) else kwargs[key]

        for key, value in reply.get("changed", []):
            original, new = argument(key), np.asarray(decode(value))
            if isinstance(original, np.ndarray) and new.shape == original.shape:
                np.copyto(original, new, casting="unsafe")
        for key, state in reply.get("generators", []):
            original = argument(key)
            if isinstance(original, np.random.Generator):
                original.bit_generator.state = state
