import enum


class Permission(enum.StrEnum):
    ALERT_READ = "alert.read"


GROUPS = {
    "SOC Analyst": [Permission.ALERT_READ],
    "lead": list(Permission),
}
