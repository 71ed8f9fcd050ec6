"""Instructor workflow commands (release, collect, grade, feedback, export, demo)."""


def register(add) -> None:
    pass
