"""Writing and reading the small HDF5 image sets the labs use (reproducible bytes)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import h5py
import numpy as np

from . import data_folder


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


def write_image_splits(
    folder: str | Path,
    files: dict[str, str],
    sizes: dict[str, int],
    generate: Callable[[int, np.random.Generator], tuple[np.ndarray, np.ndarray]],
    seed: int,
    classes: list,
) -> Path:
    """Write the train and test files into `folder` unless both exist; return the folder.

    Both splits come from one seeded stream, train first, so the bytes never change.
    """
    folder = data_folder(folder)
    paths = {split: folder / name for split, name in files.items()}
    if not all(path.is_file() for path in paths.values()):
        rng = np.random.default_rng(seed)
        for split in ("train", "test"):
            x, y = generate(sizes[split], rng)
            write_split(paths[split], split, x, y, classes)
    return folder


def read_image_splits(folder: Path, files: dict[str, str]):
    """The original loaders' layout: train x, train y (1, m), test x, test y (1, m), classes."""
    train_x, train_y, classes = read_split(folder / files["train"], "train")
    test_x, test_y, _ = read_split(folder / files["test"], "test")
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes
