#!/usr/bin/env python3
"""A real single-node SLURM cluster on this machine, for the cluster-route test.

Debian's packages (``apt-get install slurm-wlm munge``) provide the daemons; this
script gives them a private configuration; the only thing it touches under /etc is a
link /etc/slurm/slurm.conf to that configuration (see SYSTEM_CONF), which `down` removes:

    python tools/slurm/minicluster.py install            # apt-get the packages if missing
    python tools/slurm/minicluster.py up   [--dir DIR]   # start, wait until the node is idle
    eval "$(python tools/slurm/minicluster.py env [--dir DIR])"  # SLURM_CONF for sbatch/squeue/snakemake
    python tools/slurm/minicluster.py status [--dir DIR]
    python tools/slurm/minicluster.py down [--dir DIR] [--keep]   # cancel jobs, stop daemons, remove DIR

Everything lives in DIR (default ``$L2GEOM_SLURM_DIR`` or /tmp/l2geom-slurm): a fresh
munge key, munged's socket, slurm.conf and cgroup.conf, state, spool, pid and log
files. Controller and node listen on 127.0.0.1 on free ports, so the cluster does not
clash with a system SLURM. The daemons run as root (SlurmUser=root), with the plugins
that need no cgroups, no accounting database and no systemd:
ProctrackType=proctrack/linuxproc, TaskPlugin=task/none,
JobAcctGatherType=jobacct_gather/none, AccountingStorageType=accounting_storage/none.
Without accounting ``sacct`` reports nothing; query jobs with ``squeue`` (MinJobAge is
600 s, so finished jobs stay visible to it for ten minutes).

``up`` and ``down`` are idempotent: ``up`` on a running cluster only checks it, ``up``
on a half-started one tears it down first, ``down`` on nothing does nothing. Every
failure ends with one line ``minicluster: ...`` on stderr (and the tail of the
daemon's log) and exit status 1. Only processes whose pid files are in DIR (and the
slurmstepd processes started by that slurmd) are ever signalled.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DIR = Path(os.environ.get("L2GEOM_SLURM_DIR", "/tmp/l2geom-slurm"))
DAEMONS = ("munged", "slurmctld", "slurmd")
BINARIES = {
    "munged": "munge",
    "slurmctld": "slurmctld",
    "slurmd": "slurmd",
    "sbatch": "slurm-client",
    "squeue": "slurm-client",
    "sinfo": "slurm-client",
    "scontrol": "slurm-client",
    "scancel": "slurm-client",
    "srun": "slurm-client",
}
PACKAGES = "slurm-wlm munge"
PARTITION = "debug"
# Where SLURM's commands look for their configuration when SLURM_CONF is not set. The
# slurm-jobstep executor plugin runs each job's inner `srun` with every SLURM_* variable
# removed, SLURM_CONF included (snakemake-executor-plugin-slurm issue #164), so on this
# node the generated slurm.conf must also be reachable here: `up` links it, `down`
# removes the link (and nothing else under /etc).
SYSTEM_CONF = Path("/etc/slurm/slurm.conf")


class ClusterError(RuntimeError):
    """A failure with a message meant for the user."""


class SlurmUnavailable(ClusterError):
    """SLURM cannot run here at all (not root, packages missing, a system SLURM in the way)."""


class Cluster:
    def __init__(self, folder: Path):
        self.dir = Path(folder).resolve()
        self.conf = self.dir / "etc" / "slurm.conf"
        self.munge_socket = self.dir / "munge" / "munge.socket"
        self.node = socket.gethostname().split(".")[0]

    # -- paths ---------------------------------------------------------------
    def pid_file(self, daemon: str) -> Path:
        return self.dir / "run" / f"{daemon}.pid"

    def log_file(self, daemon: str) -> Path:
        return self.dir / "log" / f"{daemon}.log"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    # -- processes -------------------------------------------------------------
    def pid(self, daemon: str) -> int | None:
        """Pid of ``daemon`` from its pid file if that process is alive and is ``daemon``."""
        try:
            pid = int(self.pid_file(daemon).read_text().split()[0])
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except (OSError, ValueError, IndexError):
            return None
        return pid if Path(cmdline.decode()).name == daemon else None

    def stepds(self) -> list[int]:
        """slurmstepd processes started by this cluster's slurmd (they carry its SLURM_CONF)."""
        mark = f"SLURM_CONF={self.conf}".encode()
        found = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                name = (proc / "cmdline").read_bytes().split(b"\0")[0]
                if Path(name.decode()).name.startswith("slurmstepd") and mark in (
                    proc / "environ"
                ).read_bytes().split(b"\0"):
                    found.append(int(proc.name))
            except (OSError, IndexError):
                continue
        return found

    def run(
        self, *cmd: str, check: bool = True, timeout: float = 30
    ) -> subprocess.CompletedProcess:
        try:
            done = subprocess.run(
                cmd, env=self.env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            raise ClusterError(f"`{' '.join(cmd)}` did not answer within {timeout:.0f} s") from None
        if check and done.returncode != 0:
            raise ClusterError(f"`{' '.join(cmd)}` failed: {(done.stderr or done.stdout).strip()}")
        return done

    def node_state(self) -> str | None:
        if not self.conf.exists():
            return None
        done = self.run("sinfo", "--noheader", "--Node", "--format=%T", check=False, timeout=10)
        return done.stdout.strip().lower() or None if done.returncode == 0 else None

    def is_up(self) -> bool:
        return all(self.pid(d) for d in DAEMONS) and (self.node_state() or "").rstrip("*") in {
            "idle",
            "mixed",
            "allocated",
            "completing",
        }

    # -- configuration ---------------------------------------------------------
    def hardware(self) -> dict[str, str]:
        """This machine's node line as slurmd detects it (CPUs, sockets, cores, memory)."""
        line = self.run("slurmd", "-C").stdout.splitlines()[0]
        fields = dict(item.split("=", 1) for item in line.split() if "=" in item)
        keep = ("CPUs", "Boards", "SocketsPerBoard", "CoresPerSocket", "ThreadsPerCore")
        hw = {k: fields[k] for k in keep if k in fields}
        # leave a quarter of the memory to the machine itself, at least 512 MB for jobs
        hw["RealMemory"] = str(max(512, int(fields.get("RealMemory", "2048")) * 3 // 4))
        return hw

    def write_config(self) -> None:
        ports = free_ports(2)
        hw = " ".join(f"{k}={v}" for k, v in self.hardware().items())
        d = self.dir
        self.conf.write_text(f"""\
# Generated by tools/slurm/minicluster.py: a single-node SLURM on 127.0.0.1 for tests.
ClusterName=l2geom
SlurmctldHost={self.node}(127.0.0.1)
SlurmctldPort={ports[0]}
SlurmdPort={ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={self.munge_socket}
StateSaveLocation={d}/state
SlurmdSpoolDir={d}/spool/slurmd-%n
SlurmctldPidFile={self.pid_file("slurmctld")}
SlurmdPidFile={self.pid_file("slurmd")}
SlurmctldLogFile={self.log_file("slurmctld")}
SlurmdLogFile={self.log_file("slurmd")}
SlurmctldDebug=info
SlurmdDebug=info
# no cgroups, no accounting daemon, no systemd: what works as root in a container
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# finished jobs stay in squeue for 10 minutes: the executor plugin polls squeue
MinJobAge=600
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
Waittime=0
NodeName={self.node} NodeAddr=127.0.0.1 NodeHostname={self.node} {hw} State=UNKNOWN
PartitionName={PARTITION} Nodes={self.node} Default=YES MaxTime=INFINITE State=UP
""")
        # Read only if a cgroup plugin is configured; written so that none is ever used.
        (self.conf.parent / "cgroup.conf").write_text(
            "# Generated by tools/slurm/minicluster.py: no cgroup constraints on this test node.\n"
            "CgroupAutomount=no\nConstrainCores=no\nConstrainRAMSpace=no\nConstrainDevices=no\n"
        )

    def link_system_conf(self) -> None:
        if SYSTEM_CONF.is_symlink() or SYSTEM_CONF.exists():
            if not self.owns(SYSTEM_CONF):
                raise SlurmUnavailable(
                    f"{SYSTEM_CONF} exists and is not a link made by this script: a system "
                    "SLURM is configured here; stop it and move that file aside (job steps "
                    "started by the executor plugin ignore SLURM_CONF and read that path)"
                )
            other = Path(os.readlink(SYSTEM_CONF))
            if other != self.conf and other.exists() and Cluster(other.parent.parent).is_up():
                raise SlurmUnavailable(
                    f"another minicluster is up in {other.parent.parent}; "
                    f"stop it first: minicluster.py down --dir {other.parent.parent}"
                )
            SYSTEM_CONF.unlink()
        SYSTEM_CONF.parent.mkdir(parents=True, exist_ok=True)
        SYSTEM_CONF.symlink_to(self.conf)

    @staticmethod
    def owns(path: Path) -> bool:
        """Whether ``path`` is a link to a minicluster slurm.conf (this one or a stale one)."""
        if not path.is_symlink():
            return False
        target = Path(os.readlink(path))
        if not target.exists():
            return True  # left by a cluster whose directory is gone
        return "Generated by tools/slurm/minicluster.py" in target.read_text(errors="replace")

    # -- life cycle ------------------------------------------------------------
    def up(self, timeout: float = 90) -> None:
        preflight()
        if self.is_up():
            print(f"minicluster: already up ({self.dir}), node {self.node} {self.node_state()}")
            return
        if self.dir.exists():
            self.down(quiet=True)
        for sub in ("etc", "munge", "run", "log", "state", "spool"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o755)  # jobs (root) and the daemons read it; munge's dir stays 0700
        os.chmod(self.dir / "munge", 0o700)
        key = self.dir / "munge" / "munge.key"
        key.write_bytes(os.urandom(1024))
        os.chmod(key, 0o400)
        self.write_config()
        self.link_system_conf()

        m = self.dir / "munge"
        self.start(
            "munged",
            [
                "munged",
                "--force",
                f"--socket={self.munge_socket}",
                f"--key-file={key}",
                f"--pid-file={self.pid_file('munged')}",
                f"--log-file={self.log_file('munged')}",
                f"--seed-file={m / 'munged.seed'}",
            ],
        )
        self.wait(lambda: self.munge_socket.exists(), 15, "munged", "its socket")
        self.start("slurmctld", ["slurmctld", "-c", "-f", str(self.conf)])
        self.wait(
            lambda: (
                self.run("scontrol", "ping", check=False, timeout=10).returncode == 0
                and "UP" in self.run("scontrol", "ping", check=False, timeout=10).stdout
            ),
            30,
            "slurmctld",
            "`scontrol ping` to answer UP",
        )
        self.start("slurmd", ["slurmd", "-f", str(self.conf), "-N", self.node])

        def idle() -> bool:
            state = (self.node_state() or "").rstrip("*")
            if state in {"down", "drained", "draining", "drain"}:
                self.run("scontrol", "update", f"NodeName={self.node}", "State=RESUME", check=False)
            return state == "idle"

        self.wait(idle, timeout, "slurmd", f"node {self.node} to become idle")
        print(
            f"minicluster: up, node {self.node} idle, partition {PARTITION}; "
            f"export SLURM_CONF={self.conf}"
        )

    def start(self, daemon: str, cmd: list[str]) -> None:
        done = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise ClusterError(
                f"{daemon} did not start (exit {done.returncode}): "
                f"{(done.stderr or done.stdout).strip()}{self.log_tail(daemon)}"
            )

    def wait(self, ready, timeout: float, daemon: str, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            if not self.pid(daemon) and time.monotonic() > deadline - timeout + 3:
                raise ClusterError(
                    f"{daemon} exited while waiting for {what}{self.log_tail(daemon)}"
                )
            time.sleep(0.5)
        raise ClusterError(
            f"timed out after {timeout:.0f} s waiting for {what}{self.log_tail(daemon)}"
        )

    def log_tail(self, daemon: str, lines: int = 15) -> str:
        try:
            tail = self.log_file(daemon).read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            return ""
        return f"\n--- last lines of {self.log_file(daemon)} ---\n" + "\n".join(tail)

    def down(self, keep: bool = False, quiet: bool = False) -> None:
        if not self.dir.exists():
            if not quiet:
                print(f"minicluster: nothing to stop ({self.dir} does not exist)")
            return
        if self.pid("slurmctld") and self.conf.exists():
            jobs = self.run("squeue", "--noheader", "--format=%i", check=False, timeout=10)
            if jobs.returncode == 0 and jobs.stdout.split():
                self.run("scancel", *jobs.stdout.split(), check=False, timeout=10)
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    left = self.run(
                        "squeue",
                        "--noheader",
                        "--format=%i",
                        "--states=RUNNING,PENDING,COMPLETING,CONFIGURING",
                        check=False,
                        timeout=10,
                    )
                    if left.returncode != 0 or not left.stdout.split():
                        break
                    time.sleep(0.5)
        for daemon in ("slurmd", "slurmctld", "munged"):
            stop(self.pid(daemon))
        for pid in self.stepds():
            stop(pid)
        if SYSTEM_CONF.is_symlink() and Path(os.readlink(SYSTEM_CONF)) == self.conf:
            SYSTEM_CONF.unlink()
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)
        if not quiet:
            print(f"minicluster: down ({self.dir} {'kept' if keep else 'removed'})")

    def status(self) -> int:
        pids = {d: self.pid(d) for d in DAEMONS}
        print(
            " ".join(f"{d}={p or '-'}" for d, p in pids.items()),
            f"node={self.node_state() or '-'}",
            f"SLURM_CONF={self.conf}",
        )
        return 0 if self.is_up() else 3


def stop(pid: int | None, grace: float = 10) -> None:
    if not pid:
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split(") ")[
            -1
        ].startswith("Z"):
            return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def free_ports(count: int) -> list[int]:
    socks = [socket.socket() for _ in range(count)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def preflight() -> None:
    """Why SLURM cannot be started here, as a ClusterError; nothing if it can."""
    if os.geteuid() != 0:
        raise SlurmUnavailable("must run as root (the daemons run as SlurmUser=root)")
    missing = sorted({pkg for exe, pkg in BINARIES.items() if not shutil.which(exe)})
    if missing:
        raise SlurmUnavailable(
            f"missing Debian package(s) {' '.join(missing)}: apt-get install {PACKAGES}"
        )


def install() -> None:
    """Install the Debian packages if they are missing (root and apt-get needed)."""
    try:
        preflight()
        return
    except SlurmUnavailable:
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise
    for cmd in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES.split()],
    ):
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        if done.returncode != 0:
            raise SlurmUnavailable(f"`{' '.join(cmd)}` failed: {done.stderr.strip()[-500:]}")
    preflight()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["install", "up", "down", "status", "env"])
    parser.add_argument(
        "--dir", type=Path, default=DEFAULT_DIR, help=f"state directory (default {DEFAULT_DIR})"
    )
    parser.add_argument("--keep", action="store_true", help="down: keep DIR (logs)")
    parser.add_argument("--timeout", type=float, default=90, help="up: seconds to wait")
    args = parser.parse_args(argv)
    cluster = Cluster(args.dir)
    try:
        if args.command == "install":
            install()
        elif args.command == "up":
            cluster.up(args.timeout)
        elif args.command == "down":
            cluster.down(keep=args.keep)
        elif args.command == "env":
            print(f"export SLURM_CONF={cluster.conf}")
        else:
            return cluster.status()
    except ClusterError as err:
        print(f"minicluster: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
