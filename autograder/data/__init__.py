"""Data stand-ins (CURRICULUM.md section 4): one module per data set.

Every generator is deterministic (fixed seeds, same bytes on every run),
writes its files on first use, and keeps the original file layout and loader
API so that notebook code reads as in the original labs.
"""

from pathlib import Path

__all__ = ["data_folder"]


def data_folder(folder: str | Path) -> Path:
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path
