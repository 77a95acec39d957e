"""The student's side of isolated grading: a process that runs a notebook's code
and answers the grader's requests in the wire format of :mod:`autograder.engine.wire`.

The grader's fork server (:mod:`autograder.engine.forkserver`) forks this process
into new Linux namespaces (user, mount, PID, network) and calls :func:`serve`. Before
it runs any student code it

1. builds a root file system that holds only the Python installation, a few
   system files and the student's own working folder, with the course (its
   ``solutions``, ``autograder``, ``source``, the other submissions and the
   gradebook) left out, and ``chroot``\\ s into it;
2. drops every capability, so the student's code can neither undo the mounts
   nor leave the ``chroot``;
3. limits its address space (memory) and the size of the files it writes.

Then it serves requests until the grader kills it: run a cell, look up a name, call a
function. The checks and the comparison with the reference stay in the grader:
what crosses the pipe is data (numbers, arrays, strings, containers of them),
never code or objects, so a returned value cannot lie in a comparison.

This module imports only the standard library, numpy and ``wire.py`` beside it,
which it loads by its path before entering the sandbox: it must work where
``autograder`` cannot be imported.
"""

import ctypes
import importlib.util
import io
import os
import signal
import sys
import traceback
import warnings
from pathlib import Path

import numpy as np


def _load_wire():
    spec = importlib.util.spec_from_file_location("wire", Path(__file__).with_name("wire.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_wire = _load_wire()
encode, decode, send, receive, named_exception = (_wire.encode, _wire.decode, _wire.send, _wire.receive,
                                                  _wire.named_exception)

SINK_LIMIT = 2**20  # characters of printed output kept per cell


# --- the sandbox ---------------------------------------------------------------------------------

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC = 1, 2, 4, 8, 32, 4096, 16384
ST_FLAGS = {1: MS_RDONLY, 2: MS_NOSUID, 4: MS_NODEV, 8: MS_NOEXEC}  # statvfs f_flag bits to mount flags
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4
SYSTEM_PATHS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/ld.so.cache", "/etc/localtime",
                "/sys/devices/system/cpu", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")

_libc = None


def _syscall(name, *args):
    global _libc
    _libc = _libc or ctypes.CDLL(None, use_errno=True)
    if getattr(_libc, name)(*args) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{name}{args[:2]}: {os.strerror(error)}")


def _mount(source, target, fstype=None, flags=0, data=None):
    _syscall("mount", *(None if s is None else str(s).encode() for s in (source, target, fstype)),
             ctypes.c_ulong(flags), None if data is None else data.encode())


def _bind(source, target, writable=False):
    """Bind ``source`` (file or folder) at ``target``, read-only unless ``writable``."""
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    _mount(source, target, flags=MS_BIND | MS_REC)
    locked = sum(flag for bit, flag in ST_FLAGS.items() if os.statvfs(target).f_flag & bit)
    _mount(None, target, flags=MS_REMOUNT | MS_BIND | locked | (0 if writable else MS_RDONLY))


def enter_sandbox(config):
    """Build the student's root file system, ``chroot`` into it and drop all capabilities.

    Parameters
    ----------
    config : dict
        ``root`` (an empty folder for the new root), ``workdir`` (the student's
        folder, writable, mounted at ``/home/student``), ``readable`` (folders of
        the Python installation to bind read-only at their own paths),
        ``hidden`` (folders to leave empty, such as the course) and ``files``
        (``{path in the sandbox: text}`` written before the root turns read-only).
    """
    root = config["root"]
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=755")
    os.makedirs(root + "/tmp")  # first, so that folders bound below /tmp (a course cloned there) stay visible
    _mount("tmpfs", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
    bound = sorted(path for path in set(SYSTEM_PATHS) | set(config["readable"]) if os.path.exists(path))
    for path in sorted(bound, key=len):
        _bind(path, root + path)
    for hidden in config["hidden"]:
        if any(hidden == path or hidden.startswith(path + "/") for path in bound):  # the course inside a bound folder
            _mount("tmpfs", root + hidden, "tmpfs", MS_NOSUID | MS_NODEV, "size=4k,mode=755")
            for path in bound:  # e.g. a virtual environment inside the course
                if path.startswith(hidden + "/"):
                    _bind(path, root + path)
            _mount(None, root + hidden, flags=MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_RDONLY)
    _bind(config["workdir"], root + "/home/student", writable=True)
    os.makedirs(root + "/proc", exist_ok=True)
    _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path, text in config.get("files", {}).items():
        os.makedirs(os.path.dirname(root + path), exist_ok=True)
        with open(root + path, "w") as f:
            f.write(text)
    _mount(None, root, flags=MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_RDONLY)
    os.chroot(root)
    os.chdir("/home/student")
    _drop_capabilities()


def _drop_capabilities():
    """No capability left in any set, and no way to gain one (``no_new_privs``)."""
    _syscall("prctl", PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))
    _syscall("prctl", PR_CAP_AMBIENT, ctypes.c_ulong(PR_CAP_AMBIENT_CLEAR_ALL), ctypes.c_ulong(0),
             ctypes.c_ulong(0), ctypes.c_ulong(0))
    for capability in range(64):
        try:
            _syscall("prctl", PR_CAPBSET_DROP, ctypes.c_ulong(capability), ctypes.c_ulong(0), ctypes.c_ulong(0),
                     ctypes.c_ulong(0))
        except OSError:  # beyond the kernel's last capability
            break
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable; two 32-bit words each, all zero
    _syscall("capset", header, data)


def _set_oom_score():
    """Be the first the out-of-memory killer picks, before the grader's own processes."""
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass


def set_limits(memory_bytes, file_bytes):
    """Cap the address space and the size of any file written."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))


# --- serving the grader --------------------------------------------------------------------------

class CellTimeout(BaseException):
    """Raised in code that ran past its time limit (a BaseException, so that a
    student's ``except Exception`` does not swallow it)."""


def _on_alarm(signum, frame):
    raise CellTimeout


class BoundedSink(io.TextIOBase):
    """A text stream that keeps the first characters written to it and drops the rest."""

    def __init__(self, limit=SINK_LIMIT):
        self.limit, self.parts, self.size = limit, [], 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        if self.size < self.limit:
            self.parts.append(text[:self.limit - self.size])
        self.size += len(text)
        return len(text)

    def getvalue(self):
        return "".join(self.parts)


def _text(error):
    """``str(error)``, or nothing if a student's exception fails to print."""
    if isinstance(error, MemoryError) and not error.args:
        return "it needed more memory than the grader allows a notebook"
    try:
        return str(error)[:2000]
    except Exception:  # noqa: BLE001
        return ""


def error_message(error, source=""):
    """A one-paragraph explanation of an exception raised by student code."""
    if isinstance(error, CellTimeout):
        return "the cell did not finish within its time limit (an infinite loop?)"
    if isinstance(error, SyntaxError):
        return f"SyntaxError: {error.msg} in line {error.lineno}: {(error.text or '').strip()}"
    text = _text(error).strip()
    if not text and source:
        lines = source.splitlines()
        cells = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<")]
        # The first frame of a cell is the failing cell's; the others may be functions other cells defined.
        frames = [f for f in cells if f.filename == cells[0].filename]
        if frames and 0 < frames[-1].lineno <= len(lines):
            text = f"failed at `{lines[frames[-1].lineno - 1].strip()}`"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Server:
    """Runs cells in one IPython shell and calls the functions they define."""

    def __init__(self):
        from IPython.core.interactiveshell import InteractiveShell

        self.shell = InteractiveShell.instance()
        signal.signal(signal.SIGALRM, _on_alarm)

    def _guarded(self, timeout, run):
        """Run ``run()`` with stderr captured, warnings silenced and a time limit."""
        stderr, sys.stderr = sys.stderr, BoundedSink()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return run(), None
        except CellTimeout as error:
            return None, error
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.stderr, sys.stderr = sys.stderr.getvalue(), stderr

    def run(self, request):
        """Execute a cell; report its error (if any) and what it wrote to stderr."""
        sys.stdout = BoundedSink()  # printed output is not graded: keep memory bounded
        outcome, timeout = self._guarded(float(request["time_limit"]),
                                         lambda: self.shell.run_cell(request["source"], store_history=False))
        error = timeout or outcome.error_before_exec or outcome.error_in_exec
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        return {"error": None if error is None else error_message(error, request["source"]),
                "timed_out": timeout is not None, "stderr": self.stderr}

    def lookup(self, request):
        """Whether a name is defined in the notebook and can be called; the value of
        one that cannot (a discovery answer such as ``onset_current = 6.2``), as data."""
        if request["name"] not in self.shell.user_ns:
            return {"exists": False}
        value = self.shell.user_ns[request["name"]]
        reply = {"exists": True, "callable": callable(value), "type": type(value).__name__}
        if not reply["callable"]:
            reply["value"] = encode(value)
        return reply

    def _callback(self, number):
        """A function that calls the grader's callback ``number`` and returns its result."""
        def function(*args, **kwargs):
            send(self.replies, {"callback": number, "args": encode(list(args)), "kwargs": encode(dict(kwargs))})
            reply = receive(self.requests)
            if "error" in reply:
                raise named_exception(str(reply["error"]["type"]))(str(reply["error"]["message"]))
            return decode(reply["value"])
        return function

    def call(self, request):
        """Call a function of the notebook; return its value, the new state of the
        generators it was given, and its array arguments if it changed them."""
        function = self.shell.user_ns.get(request["name"])
        args, kwargs = decode(request["args"], callback=self._callback), decode(request["kwargs"], callback=self._callback)
        arguments = list(enumerate(args)) + list(kwargs.items())
        before = {key: value.tobytes() for key, value in arguments if isinstance(value, np.ndarray)}

        def run():
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                try:
                    return {"value": encode(function(*args, **kwargs))}
                except CellTimeout:
                    raise
                except BaseException as error:  # noqa: BLE001 - the student's error (sys.exit too) goes back as data
                    return {"error": {"type": type(error).__name__, "message": _text(error)}}

        reply, timeout = self._guarded(float(request["time_limit"]), run)
        if timeout is not None:
            return {"timed_out": True}
        reply["changed"] = [[encode(key), encode(value)] for key, value in arguments
                            if key in before and before[key] != value.tobytes()]
        reply["generators"] = [[encode(key), value.bit_generator.state] for key, value in arguments
                               if isinstance(value, np.random.Generator)]
        reply["stderr"] = self.stderr
        return reply

    def serve(self, requests, replies):
        self.requests, self.replies = requests, replies
        while True:
            request = receive(requests)
            try:
                reply = getattr(self, request["op"])(request)
            except CellTimeout:
                reply = {"timed_out": True}
            except Exception as error:  # noqa: BLE001 - e.g. a value that cannot be encoded
                reply = {"error": {"type": type(error).__name__, "message": _text(error)}}
            send(replies, reply)


def serve(config, requests, replies):
    """Enter the sandbox the grader's ``config`` describes and serve its requests until it
    closes the pipes or kills this process (:mod:`autograder.engine.forkserver` forks it)."""
    _set_oom_score()
    os.environ.update(config["environment"])
    np.random.seed()  # forked: not the fork server's generator, shared by every notebook
    if config.get("sandbox"):
        enter_sandbox(config)
    else:
        os.chdir(config["workdir"])
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    set_limits(config["memory"], config["file_size"])
    server = Server()
    send(replies, {"ready": True})
    server.serve(requests, replies)
