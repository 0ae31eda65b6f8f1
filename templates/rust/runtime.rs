// The fixed part of the Rust file permgen generates: `ParseError`, `PermissionDenied`,
// `require_permission` and `has_permission`. The Rust emitter (src/targets/rust/emit-rust.ts)
// copies only the sections between the begin and end markers below (the convention is in
// src/targets/runtime-template.ts); everything else is a small stand-in for what it generates
// from the schema, so that this file is a crate of its own that rustc (`-D warnings`) and
// rustfmt check as it is (test/templates/).

// Stand-ins for the generated enums: one resource, one action, one permission.

/// A thing a permission can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    /// The resource `"alert"`.
    Alert,
}

impl Resource {
    /// The resource's value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Alert => "alert",
        }
    }
}

impl std::str::FromStr for Resource {
    type Err = ParseError;

    /// Parses the exact string `as_str` returns.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let value = match s {
            "alert" => Self::Alert,
            _ => return Err(ParseError::new("Resource", s)),
        };
        Ok(value)
    }
}

/// What a permission allows on a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// The action `"read"`.
    Read,
}

impl Action {
    /// The action's value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
        }
    }
}

/// One declared (resource, action) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// The permission `"alert.read"` (id 0).
    AlertRead,
}

impl Permission {
    /// The permission's key.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AlertRead => "alert.read",
        }
    }

    /// The permission of the (`resource`, `action`) pair.
    pub const fn from_pair(resource: Resource, action: Action) -> Option<Self> {
        let permission = match (resource, action) {
            (Resource::Alert, Action::Read) => Self::AlertRead,
        };
        Some(permission)
    }
}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// permgen:begin parse_error

/// The error `from_str` returns for a string that is not one of the type's values. Parsing is
/// exact: no case folding, no trimming, no namespace added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: &'static str,
    value: String,
}

impl ParseError {
    fn new(kind: &'static str, value: &str) -> Self {
        Self {
            kind,
            value: value.to_owned(),
        }
    }

    /// The name of the type that was parsed, such as `"Resource"` or `"Permission"`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The string that was rejected.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?}", self.kind, self.value)
    }
}

impl std::error::Error for ParseError {}

// permgen:end parse_error

// permgen:begin guards

/// The error `require_permission` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionDenied {
    /// The schema declares the pair, but the granted permissions do not hold it.
    NotGranted(Permission),
    /// The schema declares no such (resource, action) pair: nothing can grant it.
    Undeclared(Resource, Action),
}

impl PermissionDenied {
    /// The key of the permission that was required, such as `"alert.read"` (with the
    /// namespace prefix when the schema has one), or `None` for an undeclared pair.
    pub fn key(&self) -> Option<&'static str> {
        match self {
            Self::NotGranted(permission) => Some(permission.as_str()),
            Self::Undeclared(..) => None,
        }
    }
}

impl std::fmt::Display for PermissionDenied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotGranted(permission) => write!(f, "permission denied: {permission}"),
            Self::Undeclared(resource, action) => write!(
                f,
                "undeclared permission: resource {:?}, action {:?}",
                resource.as_str(),
                action.as_str()
            ),
        }
    }
}

impl std::error::Error for PermissionDenied {}

/// Returns `Ok(())` when `granted` holds the permission of (`resource`, `action`); otherwise
/// `PermissionDenied::NotGranted` naming that permission, or `PermissionDenied::Undeclared`
/// when the schema declares no such pair. `granted` is any collection of permissions, owned or
/// borrowed: a slice, a `Vec`, a `HashSet`, `Role::permissions()`. Nothing is a wildcard at
/// run time: roles were expanded when this file was generated.
pub fn require_permission<I>(
    granted: I,
    resource: Resource,
    action: Action,
) -> Result<(), PermissionDenied>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Permission>,
{
    use std::borrow::Borrow;

    let Some(permission) = Permission::from_pair(resource, action) else {
        return Err(PermissionDenied::Undeclared(resource, action));
    };
    if granted.into_iter().any(|p| *p.borrow() == permission) {
        Ok(())
    } else {
        Err(PermissionDenied::NotGranted(permission))
    }
}

/// Tells whether `granted` holds the permission of (`resource`, `action`): the boolean form of
/// `require_permission`. An undeclared pair is never held.
pub fn has_permission<I>(granted: I, resource: Resource, action: Action) -> bool
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Permission>,
{
    require_permission(granted, resource, action).is_ok()
}

// permgen:end guards
