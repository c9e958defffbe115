"""Background jobs: RQ on Redis when JOBS_REDIS_URL is set, else an in-process worker thread.

API (stable; other features use it):

    from organiser import jobs
    job_id = jobs.enqueue("organiser.mail.send_message", to, subject, body)
    job_id = jobs.enqueue(some_module_level_function, *args, retries=3, **kwargs)
    jobs.wait_idle(timeout=10)  # in-process mode: block until the queue is empty (tests)

- The function is given as a module-level callable or its dotted path ("pkg.mod.func" or
  "pkg.mod:func"); its arguments must be picklable (ids and strings, not model objects).
- It runs inside an application context, so `db.session` and `current_app` work; the session
  is removed afterwards. Enqueue after `db.session.commit()`, so a job never sees uncommitted
  rows and a rolled-back request sends nothing.
- enqueue raises JobsUnavailable when the queue cannot be reached (Redis down): the caller
  decides what the user sees; the request's own work is already committed.
- A job that raises is retried `retries` times (default JOBS_RETRIES) with the delays in
  JOBS_RETRY_DELAYS seconds; the last failure is logged (RQ also keeps it in its failed registry).
- Production: set JOBS_REDIS_URL (e.g. redis://127.0.0.1:6379/1) and run `flask jobs-worker`
  (an RQ worker with its scheduler, so retry delays are honoured, and the periodic tasks its
  command gives it: the mail outbox's sweep). Jobs need the application the command passes to
  run_worker: a bare `rq worker` cannot run them. Embedded default: one daemon thread per
  process, started on first use; queued jobs are lost if the process stops (mail is not: it
  waits in the outbox, petitions/outbox.py).
"""

import importlib
import logging
import os
import queue
import threading
import time
import uuid
from collections.abc import Callable

from flask import Flask, current_app, has_app_context

from organiser.caching import ProcessCache
from organiser.extensions import db

log = logging.getLogger(__name__)

QUEUE_NAME = "organiser"

REDIS_TIMEOUT_SECONDS = 2  # a Redis that does not answer fails the enqueue, not the worker

_local_queue: queue.Queue = queue.Queue()
_local_worker: threading.Thread | None = None
_worker_lock = threading.Lock()
_worker_app: Flask | None = None


class JobsUnavailable(Exception):
    """The job queue (Redis) could not be reached; nothing was queued."""


def job_path(func: Callable | str) -> str:
    """The dotted path of a module-level function (strings are returned as they are)."""
    if isinstance(func, str):
        return func.replace(":", ".")
    return f"{func.__module__}.{func.__qualname__}"


def resolve(path: str) -> Callable:
    """The function at a dotted path."""
    module_name, _, name = path.replace(":", ".").rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def run_job(path: str, args: tuple, kwargs: dict):
    """Run one job in an application context: the current one, or the worker's (run_worker)."""
    func = resolve(path)
    if has_app_context():
        return func(*args, **kwargs)
    if _worker_app is None:
        raise RuntimeError("jobs run in `flask jobs-worker`, which gives them the application")
    with _worker_app.app_context():
        return func(*args, **kwargs)


def retry_delays(app: Flask, retries: int) -> list[int]:
    """The wait before each retry, from JOBS_RETRY_DELAYS, the last one repeated."""
    delays = list(app.config.get("JOBS_RETRY_DELAYS") or [0])
    return [delays[min(i, len(delays) - 1)] for i in range(retries)]


def enqueue(func: Callable | str, *args, retries: int | None = None, **kwargs) -> str:
    """Queue func(*args, **kwargs) to run outside the request; returns the job id."""
    app = current_app._get_current_object()
    path = job_path(func)
    retries = app.config.get("JOBS_RETRIES", 3) if retries is None else retries
    redis_url = app.config.get("JOBS_REDIS_URL")
    if redis_url:
        from redis.exceptions import RedisError

        try:
            return _enqueue_rq(redis_url, path, args, kwargs, retry_delays(app, retries))
        except RedisError as error:
            raise JobsUnavailable(f"cannot queue {path}: {error}") from error
    job_id = uuid.uuid4().hex
    _ensure_local_worker()
    _local_queue.put((app, job_id, path, args, kwargs, retry_delays(app, retries)))
    return job_id


_queues = ProcessCache("RQ queues", maxsize=16)  # a forked child makes its own


def rq_queue(redis_url: str):
    """The RQ queue on that Redis, one connection pool per process (made again after a fork)."""
    return _queues.get_or_make(redis_url, lambda: _new_queue(redis_url))


def _new_queue(redis_url: str):
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(
        redis_url,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )
    return Queue(QUEUE_NAME, connection=connection)


def _enqueue_rq(redis_url: str, path: str, args, kwargs, delays: list[int]) -> str:
    from rq import Retry

    retry = Retry(max=len(delays), interval=delays) if delays else None
    queue_ = rq_queue(redis_url)
    with queue_.connection.pipeline() as pipe:  # one round trip to Redis, not two
        job = queue_.enqueue(run_job, path, tuple(args), dict(kwargs), retry=retry, pipeline=pipe)
        pipe.execute()
    return job.id


def _ensure_local_worker() -> None:
    """Start the in-process worker thread once per process (again after a fork)."""
    global _local_worker
    with _worker_lock:
        if _local_worker is None or not _local_worker.is_alive():
            _local_worker = threading.Thread(target=_work, name="organiser-jobs", daemon=True)
            _local_worker.start()


def _work() -> None:
    while True:
        app, job_id, path, args, kwargs, delays = _local_queue.get()
        try:
            _run_with_retries(app, job_id, path, args, kwargs, delays)
        finally:
            _local_queue.task_done()


def _run_with_retries(app, job_id, path, args, kwargs, delays) -> None:
    for attempt in range(len(delays) + 1):
        try:
            with app.app_context():
                resolve(path)(*args, **kwargs)
            return
        except Exception:
            if attempt == len(delays):
                log.exception("job %s (%s) failed after %d attempts", job_id, path, attempt + 1)
                return
            log.warning("job %s (%s) failed, retrying", job_id, path, exc_info=True)
            time.sleep(delays[attempt])


def wait_idle(timeout: float = 10.0) -> bool:
    """Block until the in-process queue is empty (True) or the timeout passes (False)."""
    deadline = time.monotonic() + timeout
    while _local_queue.unfinished_tasks:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def run_worker(
    app: Flask,
    burst: bool = False,
    tasks: tuple[Callable[[], int], ...] = (),
    interval: float = 5.0,
) -> None:
    """The worker process (`flask jobs-worker` builds the app and passes it): each of `tasks`
    every `interval` seconds (a task returns how much it did; it runs again at once while it
    does something) and, with JOBS_REDIS_URL, an RQ worker with its scheduler.

    burst: the tasks until they find nothing to do, then the queue until it is empty."""
    global _worker_app
    _worker_app = app
    redis_url = app.config.get("JOBS_REDIS_URL")
    stop = threading.Event()
    if burst or not redis_url:
        _run_tasks(app, tasks, interval, burst, stop)
    else:
        # RQ forks a work horse per job: the child must not use the parent's pooled connections
        os.register_at_fork(after_in_child=_forget_pooled_connections)
        thread = threading.Thread(
            target=_run_tasks, args=(app, tasks, interval, False, stop), daemon=True
        )
        thread.start()
    if not redis_url:
        return
    from redis import Redis
    from rq import Queue, Worker

    connection = Redis.from_url(redis_url)  # no socket timeout: the worker waits for jobs
    queue_ = Queue(QUEUE_NAME, connection=connection)
    try:
        with app.app_context():
            Worker([queue_], connection=connection).work(with_scheduler=True, burst=burst)
    finally:
        stop.set()


def _run_tasks(app: Flask, tasks, interval: float, burst: bool, stop: threading.Event) -> None:
    while not stop.is_set():
        done = 0
        for task in tasks:
            try:
                with app.app_context():
                    done += task() or 0
            except Exception:
                log.exception("periodic task %s failed", job_path(task))
        if not done:
            if burst:
                return
            stop.wait(interval)


def _forget_pooled_connections() -> None:
    if _worker_app is not None:
        with _worker_app.app_context():
            db.engine.dispose(close=False)
