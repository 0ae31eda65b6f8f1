package rbac
