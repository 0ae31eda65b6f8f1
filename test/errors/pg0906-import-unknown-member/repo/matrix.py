import enum


class Permission(enum.StrEnum):
    ALERT_READ = "alert.read"


class Group(enum.StrEnum):
    ANALYST = "analyst"


GROUPS = {
    Group.ANALYST: frozenset({Permission.ALERT_READ, Permission.ALERT_WRITE}),
    Group.ADMIN: frozenset({Permission.ALERT_READ, "case.read"}),
}
