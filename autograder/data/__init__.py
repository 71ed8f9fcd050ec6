"""Data stand-ins (CURRICULUM.md section 4): one module per data set.

Every generator is deterministic (fixed seeds, same bytes on every run),
writes its files on first use, and keeps the original file layout and loader
API so that notebook code reads as in the original labs.
"""

import os
from pathlib import Path

__all__ = ["data_folder", "write_text_atomically"]


def data_folder(folder: str | Path) -> Path:
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file and a rename:
    notebooks and graders running side by side may generate the same file, and
    none of them may read it half written."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
