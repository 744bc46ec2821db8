"""Running a job object's ``run`` slot on a thread of its own, owned by a dialog."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread


def start_on_thread(owner: QObject, job: QObject) -> QThread:
    """Move ``job`` to a new thread owned by ``owner`` and start its ``run`` slot there;
    the job reports back through its signals, delivered on the owner's thread."""
    thread = QThread(owner)
    job.moveToThread(thread)
    thread.started.connect(job.run)  # type: ignore[attr-defined]
    thread.start()
    return thread


def stop_thread(thread: QThread) -> None:
    """Let the thread finish its job and end; returns once it has."""
    thread.quit()
    thread.wait()
