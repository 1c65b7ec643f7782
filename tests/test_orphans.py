"""After kill -9 or SIGTERM of `ingest --workers 2`, no worker, forkserver or resource
tracker is left behind; SIGTERM stops like Ctrl-C (message, clean stop)."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import _cli, _write_jsonl, art  # noqa: E402


def _start(tmp_path):
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [art(i, "#EV ASSAULT RUS UKR 2022-02-24") for i in range(400)])
    cmd, env = _cli("ingest", str(src), "--db", str(tmp_path / "o.duckdb"), "--workers", "2",
                    "--batch-size", "4", "--analyzer", "test_ingest:SlowScriptedAnalyzer",
                    "--progress-interval", "0")
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True)
    deadline = time.monotonic() + 90
    for line in proc.stderr:          # wait until batches are being committed
        if line.startswith("ingest:") and " new " in line:
            break
        assert time.monotonic() < deadline
    kids = psutil.Process(proc.pid).children(recursive=True)
    assert len(kids) >= 3, "expected workers, a forkserver and a resource tracker"
    return proc, kids


def _gone(kids, within: float = 15.0) -> list:
    deadline = time.monotonic() + within
    alive = kids
    while alive and time.monotonic() < deadline:
        alive = [k for k in alive if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.2)
    return alive


@pytest.mark.skipif(sys.platform != "linux", reason="process tree checks use Linux /proc")
def test_workers_exit_when_the_parent_is_killed(tmp_path):
    proc, kids = _start(tmp_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    alive = _gone(kids)
    for k in alive:
        k.kill()
    assert not alive, f"left behind: {[(k.pid, k.name()) for k in alive]}"


@pytest.mark.skipif(sys.platform != "linux", reason="process tree checks use Linux /proc")
def test_sigterm_stops_like_ctrl_c(tmp_path):
    proc, kids = _start(tmp_path)
    proc.send_signal(signal.SIGTERM)
    try:
        err = proc.communicate(timeout=60)[1]
    finally:
        proc.kill()
    assert proc.returncode == 130, err[-3000:]     # the message says what went wrong where
    assert "interrupted: the batches committed so far are kept" in err
    assert "Traceback" not in err
    alive = _gone(kids)
    for k in alive:
        k.kill()
    assert not alive
