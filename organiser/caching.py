"""Per-process caches: one helper for every "keep this for a few seconds in this worker".

Each cache is a named `ProcessCache`, bounded in size and optionally in age, safe across
threads, emptied in a forked child (gunicorn workers start empty) and emptied for every cache
by `init_app` when an app is built, so tests never reset caches by hand.
"""

import os
import threading
from collections.abc import Callable, Hashable
from typing import Any

from cachetools import LRUCache, TTLCache
from flask import Flask

_caches: list["ProcessCache"] = []


class ProcessCache:
    """A thread-safe, size-bounded cache of this process; `seconds` bounds an entry's age.

    maxsize counts entries, or with `sizeof` (e.g. len) the sum of sizeof(value); a value
    larger than maxsize alone is not kept.
    """

    def __init__(
        self,
        name: str,
        maxsize: int = 256,
        seconds: float | None = None,
        sizeof: Callable[[Any], int] | None = None,
    ):
        self.name, self.maxsize, self.seconds, self.sizeof = name, maxsize, seconds, sizeof
        self._lock = threading.Lock()
        self._new()
        _caches.append(self)

    def _new(self) -> None:
        self._pid = os.getpid()
        if self.seconds is None:
            self._data = LRUCache(self.maxsize, getsizeof=self.sizeof)
        else:
            self._data = TTLCache(self.maxsize, self.seconds, getsizeof=self.sizeof)

    def _mine(self):
        if self._pid != os.getpid():  # a forked child starts with nothing of its parent's
            self._new()
        return self._data

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value kept under key, or default."""
        with self._lock:
            return self._mine().get(key, default)

    def set(self, key: Hashable, value: Any) -> None:
        """Keep value under key (unless it alone is larger than maxsize)."""
        with self._lock:
            data = self._mine()
            if data.getsizeof(value) <= data.maxsize:
                data[key] = value

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The kept value, or make() kept (made outside the lock; a race makes it twice)."""
        missing = object()
        value = self.get(key, missing)
        if value is missing:
            value = make()
            self.set(key, value)
        return value

    def pop(self, key: Hashable) -> None:
        """Forget key."""
        with self._lock:
            self._mine().pop(key, None)

    def values(self) -> list:
        """Every value kept, as a list taken at once."""
        with self._lock:
            return list(self._mine().values())

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._new()


def clear_all() -> None:
    """Empty every cache of this process."""
    for cache in _caches:
        cache.clear()


def init_app(app: Flask) -> None:
    """A new app starts with empty caches (a test's app never sees the previous test's data)."""
    clear_all()
