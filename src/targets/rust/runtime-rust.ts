/**
 * The parts of the generated Rust file that do not depend on the vocabulary: the error types
 * and the guards. Written in rustfmt's layout; paths are fully qualified (`std::fmt::Display`)
 * and `use` appears only inside function bodies, so the file can be `include!`d into a module
 * that has its own imports.
 */

/** `ParseError`: what every `FromStr` implementation returns for an unknown string. */
export const RUST_PARSE_ERROR = `/// The error \`from_str\` returns for a string that is not one of the type's values. Parsing is
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

    /// The name of the type that was parsed, such as \`"Resource"\` or \`"Permission"\`.
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
`;

/** `PermissionDenied`, `require_permission` and `has_permission`. */
export const RUST_GUARDS = `/// The error \`require_permission\` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionDenied {
    /// The schema declares the pair, but the granted permissions do not hold it.
    NotGranted(Permission),
    /// The schema declares no such (resource, action) pair: nothing can grant it.
    Undeclared(Resource, Action),
}

impl PermissionDenied {
    /// The key of the permission that was required, such as \`"alert.read"\` (with the
    /// namespace prefix when the schema has one), or \`None\` for an undeclared pair.
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

/// Returns \`Ok(())\` when \`granted\` holds the permission of (\`resource\`, \`action\`); otherwise
/// \`PermissionDenied::NotGranted\` naming that permission, or \`PermissionDenied::Undeclared\`
/// when the schema declares no such pair. \`granted\` is any collection of permissions, owned or
/// borrowed: a slice, a \`Vec\`, a \`HashSet\`, \`Role::permissions()\`. Nothing is a wildcard at
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

/// Tells whether \`granted\` holds the permission of (\`resource\`, \`action\`): the boolean form of
/// \`require_permission\`. An undeclared pair is never held.
pub fn has_permission<I>(granted: I, resource: Resource, action: Action) -> bool
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Permission>,
{
    require_permission(granted, resource, action).is_ok()
}
`;
