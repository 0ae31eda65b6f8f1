import enum


class Color(enum.IntEnum):
    RED = 1
