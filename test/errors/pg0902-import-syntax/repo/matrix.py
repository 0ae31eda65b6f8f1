import enum

class Permission(enum.StrEnum):
    ALERT_READ = "alert.read"
    ALERT_ACK = (
