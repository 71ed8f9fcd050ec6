"""Writing and reading the small HDF5 image sets the labs use (reproducible bytes)."""

from __future__ import annotations

import os
from pathlib import Path

import h5py
import numpy as np


def write_split(path: Path, prefix: str, x: np.ndarray, y: np.ndarray, classes: list[bytes]) -> None:
    """Write `<prefix>_set_x`, `<prefix>_set_y` and `list_classes` atomically."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with h5py.File(tmp, "w", track_order=False) as f:
        f.create_dataset(f"{prefix}_set_x", data=x, track_times=False)
        f.create_dataset(f"{prefix}_set_y", data=y, track_times=False)
        f.create_dataset("list_classes", data=np.array(classes), track_times=False)
    os.replace(tmp, path)


def read_split(path: Path, prefix: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with h5py.File(path, "r") as f:
        return np.array(f[f"{prefix}_set_x"][:]), np.array(f[f"{prefix}_set_y"][:]), np.array(f["list_classes"][:])
