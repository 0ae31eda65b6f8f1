import enum


class Permission(enum.StrEnum):
    ALERT_READ = "alert.read"
    ALERT_ACK = enum.auto()
    CASE_READ = f"case.{'read'}"


class Group(enum.StrEnum):
    ANALYST = "analyst"
    LEAD = "lead"


BASE = {Permission.ALERT_READ}

GROUPS = {
    Group.ANALYST: frozenset({*BASE, Permission.CASE_READ}),
    Group.LEAD: compute_all(),
}
