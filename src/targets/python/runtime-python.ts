/**
 * The parts of the generated Python module that do not depend on the vocabulary: the module
 * docstring's explanation, the lookups and the guard functions. Kept as text here (not under
 * templates/) so the emitter stays a pure function with no file to read; each part is already
 * in black/ruff format, at column 0, without trailing newline.
 */

/**
 * Module docstring body after its summary line. Explains the API, why FastAPI callers are
 * identified through a dependency override, and how deprecation is marked.
 */
export function renderModuleGuide(fastapi: boolean): string {
  const common = [
    "Resource, Action and Permission (and Role when the schema has roles) are StrEnums:",
    "members compare equal to their string values. Only the pairs in RESOURCE_ACTION_PAIRS",
    "exist. check_permission rejects any other pair when type-checked (pyright, mypy) and",
    "raises ValueError when called with one. Every guard fails closed: a permission is",
    "granted only by a key equal to it character for character; None, a lone string, a",
    "mapping, unknown keys and unknown roles grant nothing.",
    "",
    'Deprecated members say so in their docstrings (a line starting with "Deprecated:");',
    "deprecated pairs, with the reason, are in DEPRECATED_PERMISSIONS, and the guards emit a",
    "DeprecationWarning when asked for one (no third-party package needed on Python 3.11).",
  ];
  if (!fastapi) return common.join("\n");
  return [
    ...common,
    "",
    "FastAPI: require_permission(Resource.X, Action.Y) returns a dependency that answers 403",
    "unless the caller holds the permission; an undeclared pair raises ValueError when the",
    "route module is imported. The app tells it what the caller holds by overriding one",
    "dependency, once:",
    "",
    "    app.dependency_overrides[granted_permissions] = current_permissions",
    "",
    "where current_permissions is any dependency (it may itself depend on headers, the",
    "session or the database) returning the caller's permission keys. Overrides are looked",
    "up on every request: the order of imports does not matter, nothing global is mutated,",
    "each app (and each test) can plug in its own source. Until it is set, guarded routes",
    "fail with an error (500) and grant nothing. fastapi is imported only when",
    "require_permission is first called.",
  ].join("\n");
}

/** The private lookups behind the guards; `rolesExist` adds the role-name index. */
export function renderLookups(rolesExist: boolean): string {
  const lookups = [
    "_PERMISSION_OF_PAIR: Final[Mapping[tuple[str, str], Permission]] = MappingProxyType(",
    '    {pair: Permission(_KEY_PREFIX + ".".join(pair)) for pair in RESOURCE_ACTION_PAIRS}',
    ")",
  ];
  if (rolesExist) {
    lookups.push(
      "_ROLE_GRANTS: Final[Mapping[str, frozenset[Permission]]] = MappingProxyType(",
      "    {role.value: permissions for role, permissions in ROLE_PERMISSIONS.items()}",
      ")",
    );
  }
  return lookups.join("\n");
}

/** `PermissionDenied`, raised by `check_permission`. */
export const PERMISSION_DENIED = `class PermissionDenied(Exception):
    """Raised by check_permission when the caller does not hold a permission."""

    permission: Permission
    """The permission that was required."""

    def __init__(self, permission: Permission) -> None:
        super().__init__(f"missing permission {permission.value}")
        self.permission = permission`;

/** `permission_key` and `has_permission`. */
export const PERMISSION_KEY_AND_HAS_PERMISSION = `def permission_key(resource: Resource, action: Action) -> Permission:
    """Returns the permission of a declared (resource, action) pair.

    Raises ValueError when the schema does not declare the pair.
    """
    permission = _find_permission(resource, action)
    if permission is None:
        raise ValueError(f"({resource!r}, {action!r}) is not a declared permission")
    return permission


def has_permission(
    granted: Iterable[str] | None, resource: Resource, action: Action
) -> bool:
    """Tells whether granted holds the permission of (resource, action).

    granted is an iterable of permission keys: Permission members or strings. Fails
    closed: None, a lone string, a mapping, items that are not strings, keys that differ
    in any character and an undeclared pair grant nothing.
    """
    permission = _find_permission(resource, action)
    return permission is not None and str.__str__(permission) in _strings(granted)`;

/** `permissions_of_roles`, emitted when the schema has roles. */
export const PERMISSIONS_OF_ROLES = `def permissions_of_roles(roles: Iterable[str] | None) -> frozenset[Permission]:
    """Returns every permission the given roles hold together.

    roles is an iterable of role names: Role members or strings. An unknown role grants
    nothing, and so do None, a lone string and a mapping.
    """
    held: set[Permission] = set()
    for name in _strings(roles):
        held.update(_ROLE_GRANTS.get(name, ()))
    return frozenset(held)`;

/** The body of `check_permission`, after its signature. */
export const CHECK_PERMISSION_BODY = `    """Raises PermissionDenied unless granted holds the permission of the pair.

    Type checkers accept declared pairs only. At run time an undeclared pair raises
    ValueError and a deprecated one emits a DeprecationWarning.
    """
    permission = _declared_permission(resource, action)
    if not has_permission(granted, resource, action):
        raise PermissionDenied(permission)`;

/** `granted_permissions`, the dependency a FastAPI app overrides. */
export const GRANTED_PERMISSIONS = `def granted_permissions() -> Iterable[str] | None:
    """The permission keys the caller of the current request holds.

    A FastAPI dependency for the app to override once, with a dependency of its own:
    app.dependency_overrides[granted_permissions] = current_permissions. Until then it
    raises, so guarded routes fail with an error instead of granting anything.
    """
    raise RuntimeError(
        "granted_permissions is not configured: set "
        "app.dependency_overrides[granted_permissions] to a dependency that returns "
        "the caller's permission keys"
    )`;

/** The body of `require_permission`, after its signature. */
export const REQUIRE_PERMISSION_BODY = `    """Returns a FastAPI dependency that answers 403 unless the caller holds the pair.

    Use it as Depends(require_permission(Resource.X, Action.Y)), in a route's
    dependencies or as a parameter default; the dependency returns the Permission. What
    the caller holds comes from granted_permissions (see the module docstring). Type
    checkers accept declared pairs only. At run time an undeclared pair raises
    ValueError, when the route module is imported, and a deprecated one emits a
    DeprecationWarning.
    """
    permission = _declared_permission(resource, action)
    from fastapi import Depends, HTTPException

    def require(
        granted: Iterable[str] | None = Depends(granted_permissions),
    ) -> Permission:
        if not has_permission(granted, resource, action):
            raise HTTPException(
                status_code=403, detail=f"missing permission {permission.value}"
            )
        return permission

    return require`;

/** The private helpers the guards share. */
export const PRIVATE_HELPERS = `def _find_permission(resource: object, action: object) -> Permission | None:
    # str.__str__ reads the characters of a str (or of a str subclass such as a StrEnum)
    # without calling anything the subclass overrides.
    if not isinstance(resource, str) or not isinstance(action, str):
        return None
    return _PERMISSION_OF_PAIR.get((str.__str__(resource), str.__str__(action)))


def _strings(values: Iterable[object] | None) -> Iterator[str]:
    # A lone string is not a collection of keys, and a mapping's keys say nothing of
    # what it maps them to: both grant nothing.
    if values is None or isinstance(values, (str, Mapping)):
        return
    for value in values:
        if isinstance(value, str):
            yield str.__str__(value)


def _declared_permission(resource: Resource, action: Action) -> Permission:
    permission = permission_key(resource, action)
    reason = DEPRECATED_PERMISSIONS.get(permission)
    if reason is not None:
        message = f"permission {permission.value} is deprecated"
        if reason:
            message = f"{message}: {reason}"
        warnings.warn(message, DeprecationWarning, stacklevel=3)
    return permission`;
