#!/usr/bin/env python3
"""A Tasker external worker in plain Python 3 (standard library only).

Usage:
    python3 worker.py --url http://127.0.0.1:8080 --namespace python_workers [--api-key KEY]

Steps whose template says `handler: {callable: external}` are run here. The protocol (docs/api.md,
"Workers in any language"):
  1. POST /v1/workers/claims {namespace, max_steps, wait_seconds, worker_id} long-polls for ready steps;
     each claim carries the step's context, dependency_results and a lease_token.
  2. While the handler runs, POST /v1/workers/claims/{step_uuid}/heartbeat {lease_token} keeps the lease;
     409 means the lease is lost (another worker has the step): drop it.
  3. POST /v1/workers/claims/{step_uuid}/result {lease_token, status, result | error, ...} reports the outcome.

Handlers are registered by step name with @handler("name"); see the examples at the end of this file.
"""
import argparse
import json
import logging
import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.request

log = logging.getLogger("tasker.worker")
HANDLERS = {}


def handler(step_name):
    """Register the decorated function as the handler of steps named `step_name`."""
    def register(fn):
        HANDLERS[step_name] = fn
        return fn
    return register


class RetryableError(Exception):
    """The step failed but may succeed later (retryable_failure)."""
    def __init__(self, message, retry_after_seconds=None):
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class PermanentError(Exception):
    """The step failed and retrying will not help (permanent_failure)."""


class _Interrupted(Exception):
    """Raised by the signal handler to end an idle long poll."""


class Client:
    """Minimal JSON-over-HTTP client for the worker endpoints."""
    def __init__(self, url, api_key=None):
        self.url = url.rstrip("/")
        self.api_key = api_key

    def post(self, path, body, timeout=30):
        """POST JSON; returns (status, parsed body). Raises OSError (URLError, timeouts) on network errors."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode("utf-8"),
                                     headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        try:
            return status, json.loads(raw.decode("utf-8")) if raw else {}
        except ValueError:
            return status, {"error": "invalid_response", "message": raw.decode("utf-8", "replace")[:500]}


class Step:
    """One claimed step: claim fields as attributes (step.context) or items (step["context"])."""
    def __init__(self, client, claim):
        self._client, self._claim = client, claim
        self._lock = threading.Lock()
        self.lease_lost = False

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._claim[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key):
        return self._claim[key]

    def get(self, key, default=None):
        return self._claim.get(key, default)

    def heartbeat(self):
        """Renew the lease. Returns False once the lease is lost (then stop working on the step)."""
        with self._lock:
            if self.lease_lost:
                return False
            try:
                status, body = self._client.post(f"/v1/workers/claims/{self.step_uuid}/heartbeat",
                                                  {"lease_token": self.lease_token})
            except OSError as e:
                log.warning("heartbeat for %s failed (will retry): %s", self.step_name, e)
                return True
            if status == 409:
                log.warning("lease lost for step %s (task %s): %s", self.step_name, self.task_uuid,
                            body.get("message"))
                self.lease_lost = True
            elif status != 200:
                log.warning("heartbeat for %s answered %s: %s", self.step_name, status, body)
            return not self.lease_lost


class Worker:
    def __init__(self, client, args):
        self.client, self.args = client, args
        self.stop = threading.Event()
        self.processed = 0
        self._in_claim = False

    def _on_signal(self, signum, _frame):
        if not self.stop.is_set():
            log.info("%s received: stopping after the step in hand", signal.Signals(signum).name)
        self.stop.set()
        if self._in_claim:  # interrupt an idle long poll at once
            raise _Interrupted()

    def run(self):
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)
        a, backoff, last_work = self.args, 1.0, time.monotonic()
        log.info("worker %s claiming namespace %s from %s", a.worker_id, a.namespace, self.client.url)
        while not self.stop.is_set():
            if a.max_tasks and self.processed >= a.max_tasks:
                log.info("processed %d steps (--max-tasks): exiting", self.processed)
                break
            wait = a.wait_seconds
            if a.idle_exit_seconds:
                idle_left = a.idle_exit_seconds - (time.monotonic() - last_work)
                if idle_left <= 0:
                    log.info("no claims for %ss (--idle-exit-seconds): exiting", a.idle_exit_seconds)
                    break
                wait = max(0, min(wait, int(idle_left + 0.999)))
            max_steps = min(a.max_steps, a.max_tasks - self.processed) if a.max_tasks else a.max_steps
            body = {"namespace": a.namespace, "max_steps": max_steps, "wait_seconds": wait,
                    "worker_id": a.worker_id}
            try:
                self._in_claim = True
                status, answer = self.client.post("/v1/workers/claims", body, timeout=wait + 10)
            except _Interrupted:
                break
            except OSError as e:
                log.warning("claim failed: %s; retrying in %.0fs", e, backoff)
                self.stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            finally:
                self._in_claim = False
            if status != 200:
                log.error("claim answered %s: %s; retrying in %.0fs", status, answer, backoff)
                self.stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            backoff = 1.0
            claims = answer.get("claims") or []
            if claims:
                last_work = time.monotonic()
            for claim in claims:  # claimed steps are "in hand": finish them even when stopping
                self.process(Step(self.client, claim))
                self.processed += 1
                last_work = time.monotonic()
        return 0

    def process(self, step):
        fn = HANDLERS.get(step.step_name)
        started = time.monotonic()
        beats_stop = threading.Event()

        def beat():
            while not beats_stop.wait(self.args.heartbeat_seconds):
                if not step.heartbeat():
                    return
        beater = threading.Thread(target=beat, name=f"heartbeat-{step.step_uuid}", daemon=True)
        beater.start()
        report = {"lease_token": step.lease_token}
        try:
            if fn is None:
                raise PermanentError(f"no handler registered for step '{step.step_name}'")
            result = fn(step)
            result = {} if result is None else result
            json.dumps(result)  # fail here, not in the HTTP call, when it is not JSON
            report.update(status="success", result=result)
        except RetryableError as e:
            report.update(status="retryable_failure", error={"type": "RetryableError", "message": str(e)})
            if e.retry_after_seconds is not None:
                report["retry_after_seconds"] = e.retry_after_seconds
        except PermanentError as e:
            kind = "HandlerNotFound" if fn is None else "PermanentError"
            report.update(status="permanent_failure", error={"type": kind, "message": str(e)})
        except Exception as e:  # noqa: BLE001 - any handler bug is a retryable failure
            log.exception("handler %s raised", step.step_name)
            report.update(status="retryable_failure",
                          error={"type": type(e).__name__, "message": str(e) or type(e).__name__})
        finally:
            beats_stop.set()
            beater.join()
        report["execution_time_ms"] = int((time.monotonic() - started) * 1000)
        outcome = "lease_lost" if step.lease_lost else self.submit(step, report)
        print(f"step={step.step_name} task={step.task_uuid} attempt={step.get('attempt')} "
              f"outcome={outcome} ({report['execution_time_ms']} ms)", flush=True)

    def submit(self, step, report):
        """Send the result; returns the outcome shown in the per-step line."""
        path = f"/v1/workers/claims/{step.step_uuid}/result"
        for attempt in range(3):
            try:
                status, body = self.client.post(path, report)
            except OSError as e:
                log.warning("sending the result of %s failed (try %d of 3): %s", step.step_name, attempt + 1, e)
                if attempt < 2:
                    time.sleep(2 ** attempt)
                continue
            if status == 200:
                return report["status"]
            if status == 409:
                log.warning("lease lost for step %s (task %s): result not accepted: %s",
                            step.step_name, step.task_uuid, body.get("message"))
                return "lease_lost"
            log.error("result of %s answered %s: %s", step.step_name, status, body)
            return f"rejected_{status}"
        return "result_not_sent"


def _int_range(lo, hi):
    def parse(text):
        value = int(text)
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"must be between {lo} and {hi}, got {value}")
        return value
    return parse


def main(argv=None):
    p = argparse.ArgumentParser(description="Run Tasker steps with 'callable: external' handlers in Python.")
    p.add_argument("--url", default=os.environ.get("TASKER_URL", "http://127.0.0.1:8080"),
                   help="Tasker server URL (env TASKER_URL, default %(default)s)")
    p.add_argument("--namespace", required=True, help="namespace whose external steps to claim")
    p.add_argument("--api-key", default=os.environ.get("TASKER_API_KEY"), help="X-API-Key (env TASKER_API_KEY)")
    p.add_argument("--worker-id", default=f"py-{socket.gethostname()}-{os.getpid()}",
                   help="recorded as the step's claimed_by (default %(default)s)")
    p.add_argument("--max-steps", type=_int_range(1, 100), default=1, help="steps per claim (1..100, default 1)")
    p.add_argument("--wait-seconds", type=_int_range(0, 60), default=20,
                   help="long-poll wait per claim (0..60, default 20)")
    p.add_argument("--max-tasks", type=_int_range(0, 10**9), default=0,
                   help="exit after processing N steps (0 = never, default)")
    p.add_argument("--idle-exit-seconds", type=float, default=0,
                   help="exit after S seconds without claims (0 = never, default)")
    p.add_argument("--heartbeat-seconds", type=float, default=10, help="heartbeat interval (default 10)")
    args = p.parse_args(argv)
    if args.heartbeat_seconds <= 0 or args.idle_exit_seconds < 0:
        p.error("--heartbeat-seconds must be > 0 and --idle-exit-seconds >= 0")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return Worker(Client(args.url, args.api_key), args).run()


# --- Example handlers (used by the automated test: keep their behaviour) ---

@handler("py_fetch_numbers")
def fetch_numbers(step):
    return {"numbers": step.context["numbers"]}


@handler("py_sum")
def sum_numbers(step):
    return {"sum": sum(step.dependency_results["py_fetch_numbers"]["numbers"])}


@handler("py_describe")
def describe(step):
    deps = step.dependency_results
    return {"description": f"sum={deps['py_sum']['sum']} from {len(deps['py_fetch_numbers']['numbers'])} numbers",
            "worker": "python"}


@handler("py_flaky")
def flaky(step):
    if step.attempt < 2:
        raise RetryableError("try again", retry_after_seconds=0)
    return {"attempt": step.attempt}


if __name__ == "__main__":
    raise SystemExit(main())
