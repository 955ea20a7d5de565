"""No route out: a seccomp filter that stops a thread from opening network sockets.

Oxigraph evaluates ``SERVICE <http://...>`` and ``LOAD <http://...>`` by making the HTTP request itself, and
pyoxigraph offers no hook to refuse it. A check of the SPARQL text beside the engine's parser can always
miss a spelling the parser accepts (``SERVICE:x`` did), so where no federation is allowed the code that
runs SPARQL gets no network instead: after :func:`refuse_network`, ``socket()`` of any family but
``AF_UNIX`` fails with ``EACCES`` in the calling thread and in every thread or process it starts afterwards
(seccomp filters are per thread and inherited; they cannot be removed). The query worker processes install
it for all their threads before they open the store; the server process installs it only on the threads of
a :func:`no_network_executor` (updates), so uvicorn and the remote store's HTTP client are unaffected.

A raw BPF program through ``prctl`` / ``seccomp`` (no libseccomp): Linux on x86_64 and aarch64. Elsewhere
:func:`refuse_network` returns False and the caller falls back on the text check alone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import socket
import struct
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

# Per architecture: the audit arch seccomp reports, and the numbers of the system calls the filter looks at.
_ARCHES: dict[str, dict[str, int]] = {
    "x86_64": {"audit": 0xC000003E, "socket": 41, "io_uring_setup": 425, "seccomp": 317},
    "aarch64": {"audit": 0xC00000B7, "socket": 198, "io_uring_setup": 425, "seccomp": 277},
}
_ARCHES["amd64"] = _ARCHES["x86_64"]
_ARCHES["arm64"] = _ARCHES["aarch64"]

_X32_SYSCALL_BIT = 0x40000000  # x86_64's x32 ABI: the same calls under other numbers
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
# BPF opcodes: load a word of struct seccomp_data, jump if equal / greater or equal, return.
_LD_ABS, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
# struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6] (args[0] low word at 16:
# both architectures here are little-endian, which the audit arch value asserts).
_NR, _ARCH, _ARG0 = 0, 4, 16

_state = threading.local()


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def supported() -> bool:
    """True where :func:`refuse_network` can install its filter (Linux on x86_64 or aarch64)."""
    return sys.platform.startswith("linux") and platform.machine().lower() in _ARCHES


def _program(arch: dict[str, int]) -> bytes:
    """The filter: ``socket(AF_UNIX, ...)`` and every other call pass; ``socket()`` of any other family fails
    with EACCES; ``io_uring_setup`` (whose rings could open sockets without ``socket()``) with ENOSYS; a call
    through another ABI (x32, or i386 by ``int 0x80``, where ``socketcall`` has other numbers) with EPERM."""
    deny_socket, deny_uring, deny_abi, allow = 9, 10, 11, 12  # instruction indexes of the four returns
    code: list[tuple[int, int, int, int]] = []

    def jump(op: int, value: int, if_true: int, if_false: int) -> None:
        here = len(code) + 1  # offsets count from the next instruction
        code.append((op, if_true - here if if_true else 0, if_false - here if if_false else 0, value))

    code.append((_LD_ABS, 0, 0, _ARCH))                                   # 0
    jump(_JEQ, arch["audit"], 0, deny_abi)                                # 1
    code.append((_LD_ABS, 0, 0, _NR))                                     # 2
    jump(_JGE, _X32_SYSCALL_BIT, deny_abi, 0)                             # 3
    jump(_JEQ, arch["io_uring_setup"], deny_uring, 0)                     # 4
    jump(_JEQ, arch["socket"], 0, allow)                                  # 5
    code.append((_LD_ABS, 0, 0, _ARG0))                                   # 6
    jump(_JEQ, socket.AF_UNIX, allow, deny_socket)                        # 7
    code.append((_RET, 0, 0, _RET_ALLOW))                                 # 8 (not reached)
    code.append((_RET, 0, 0, _RET_ERRNO | errno.EACCES))                  # 9
    code.append((_RET, 0, 0, _RET_ERRNO | errno.ENOSYS))                  # 10
    code.append((_RET, 0, 0, _RET_ERRNO | errno.EPERM))                   # 11
    code.append((_RET, 0, 0, _RET_ALLOW))                                 # 12
    for op, jt, jf, _ in code:
        assert 0 <= jt < 256 and 0 <= jf < 256, "a jump out of range"
    return b"".join(struct.pack("=HBBI", op, jt, jf, k) for op, jt, jf, k in code)


def refuse_network(*, all_threads: bool = False) -> bool:
    """Make ``socket()`` of any family but AF_UNIX fail from now on, in this thread and those it starts.

    ``all_threads`` applies it to every thread of the process (seccomp's TSYNC), for a process that runs
    nothing but SPARQL (the query workers); without it only the calling thread is affected. Returns False
    (and changes nothing) on a platform without support; raises OSError if the kernel refuses the filter.
    Irreversible by design: nothing in the thread can lift it again.
    """
    if network_refused():
        return True
    if not supported():
        return False
    arch = _ARCHES[platform.machine().lower()]
    libc = ctypes.CDLL(None, use_errno=True)
    program = _program(arch)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    # Unprivileged seccomp needs no_new_privs (per thread; TSYNC sets it on the other threads too).
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if all_threads:
        libc.syscall.restype = ctypes.c_long
        result = libc.syscall(ctypes.c_long(arch["seccomp"]), ctypes.c_long(_SECCOMP_SET_MODE_FILTER),
                              ctypes.c_long(_SECCOMP_FILTER_FLAG_TSYNC), ctypes.byref(fprog))
    else:
        result = libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0)
    if result != 0:
        raise OSError(ctypes.get_errno() or errno.EINVAL, "installing the seccomp filter failed")
    _state.refused = True
    if all_threads:
        global _process_refused
        _process_refused = True
    return True


_process_refused = False


def network_refused() -> bool:
    """True when :func:`refuse_network` has been applied to the calling thread (by itself or for the process)."""
    return _process_refused or getattr(_state, "refused", False)


def no_network_executor(max_workers: int, name: str) -> ThreadPoolExecutor:
    """Threads on which Oxigraph may run SPARQL without a route out: each installs the filter as it starts.

    Where the filter cannot be installed the threads run unfiltered, and :func:`network_refused` says so in
    them: the callers' text check then fails closed instead of relying on the sandbox.
    """
    return ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=name, initializer=try_refuse_network)


def try_refuse_network(*, all_threads: bool = False) -> bool:
    """:func:`refuse_network`, or a warning on stderr where it cannot be had (a service still starts there,
    and its text check fails closed since :func:`network_refused` is False)."""
    try:
        if refuse_network(all_threads=all_threads):
            return True
        reason = "not supported on this platform"
    except OSError as e:
        reason = str(e)
    print(f"qualgraph: SPARQL runs with network access ({reason}); SERVICE and LOAD are refused by the text "
          "check only", file=sys.stderr)
    return False


def is_network_refusal(error: BaseException) -> bool:
    """Whether an engine error is what the filter causes: Rust's "Permission denied (os error 13)" for the
    refused socket, or a failed name lookup (the resolver's UDP socket is refused too)."""
    text = str(error)
    return f"(os error {errno.EACCES})" in text or "failed to lookup address information" in text


if __name__ == "__main__":  # a quick look: python -m qualgraph.sandbox
    print("supported:", supported(), "installed:", refuse_network(all_threads=True))
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    except OSError as e:
        print("TCP socket:", e)
    a, b = socket.socketpair()
    a.sendall(b"ok")
    print("AF_UNIX socketpair:", b.recv(2).decode(), "pid", os.getpid())
