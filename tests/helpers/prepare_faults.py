"""Preparing functions for the pipeline tests that fail on purpose, in the worker process.

A worker started with ``spawn`` imports this module by name. Which task fails is told
through the environment (the worker inherits it): a task whose bundle file name or store
hash contains ``DTN_TEST_WORKER_DIES`` kills its worker (SIGKILL, as the out-of-memory
killer would); one that contains ``DTN_TEST_WORKER_RAISES`` raises an unexpected error.
Only in a worker: run in the test's own process (a pipeline that prepares there after its
workers kept dying), they prepare as usual.
"""

from __future__ import annotations

import multiprocessing
import os
import signal

from reader.core import prepare

DIES = "DTN_TEST_WORKER_DIES"
RAISES = "DTN_TEST_WORKER_RAISES"


def _fail_if_told(name: str) -> None:
    if multiprocessing.parent_process() is None:
        return  # not a worker
    if os.environ.get(DIES) and os.environ[DIES] in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(RAISES) and os.environ[RAISES] in name:
        raise ZeroDivisionError("a bug in the preparing code")


def prepare_import(context, task):
    _fail_if_told(task[0].name)
    return prepare.prepare_import(context, task)


def prepare_stored(context, sha):
    _fail_if_told(sha)
    return prepare.prepare_stored(context, sha)
