/**
 * Renders a Rust test program (`rustc --test`) for a generated file: the expected vocabulary is
 * written as Rust literals straight from the model, so the program checks the generated code
 * against the schema without trusting the emitter: round trips of `as_str`/`FromStr`/`Display`,
 * `from_pair`, `resource`/`action`, lock ids, role permissions and `require_permission`.
 */
import type { Model } from "../../src/model/model.js";

/** A Rust string literal for test data (values here are ASCII). */
function lit(text: string): string {
  return JSON.stringify(text);
}

/** A `&[&str]` literal. */
function strs(values: readonly string[]): string {
  return `&[${values.map(lit).join(", ")}]`;
}

/**
 * Renders the test program for the generated file `module` (a file name in the same folder),
 * which is included the way the file's guide says: `#[allow(dead_code)] mod permissions;`.
 * `retiredIds` are lock ids no permission holds.
 */
export function renderRustTestProgram(
  model: Model,
  module: string,
  retiredIds: readonly number[],
): string {
  const pairs = model.permissions.map(
    (p) => `(${lit(p.key)}, ${lit(p.resource.value)}, ${lit(p.action.value)}, ${p.id})`,
  );
  const roles = model.roles.map(
    (r) => `(${lit(r.name)}, ${strs(r.permissions.map((p) => p.key))})`,
  );
  const hasRoles = model.roles.length > 0;
  // An empty vocabulary makes the loops below iterate over uninhabited types.
  return `#![allow(deprecated, unreachable_code, unused_variables)]

#[allow(dead_code)]
#[path = ${lit(module)}]
mod permissions;

use permissions::*;
use std::collections::HashSet;
use std::str::FromStr;

const RESOURCES: &[&str] = ${strs(model.resources.map((r) => r.value))};
const ACTIONS: &[&str] = ${strs(model.actions.map((a) => a.value))};
/// (key, resource, action, id) in schema order.
const PERMISSIONS: &[(&str, &str, &str, u32)] = &[${pairs.join(", ")}];
const RETIRED_IDS: &[u32] = &[${retiredIds.join(", ")}];
const DIGEST: &str = ${lit(model.digest)};
const NOT_VALUES: &[&str] = &["", " ", "*", "constructor", "__proto__", "ALERT", "Alert", "alert ", " alert", "soc.", "alert.*"];

fn check_round_trip<T>(all: &[T], values: &[&str], kind: &str)
where
    T: FromStr<Err = ParseError> + std::fmt::Display + std::fmt::Debug + PartialEq + Copy,
{
    assert_eq!(all.len(), values.len(), "{kind}: ALL has one entry per value, in order");
    for (item, value) in all.iter().zip(values) {
        assert_eq!(item.to_string(), *value);
        assert_eq!(T::from_str(value), Ok(*item));
        assert_eq!(value.parse::<T>(), Ok(*item));
    }
    let mut bad_values: Vec<String> = NOT_VALUES.iter().map(|s| s.to_string()).collect();
    bad_values.extend(values.iter().map(|v| v.to_uppercase()));
    bad_values.extend(values.iter().map(|v| format!("{v} ")));
    for bad in bad_values.iter().map(|s| s.as_str()) {
        if values.contains(&bad) {
            continue;
        }
        let err = T::from_str(bad).expect_err(bad);
        assert_eq!(err.kind(), kind);
        assert_eq!(err.value(), bad);
        assert_eq!(err.to_string(), format!("unknown {kind} {bad:?}"));
        let _: &dyn std::error::Error = &err;
    }
}

#[test]
fn digest_is_the_models() {
    assert_eq!(SCHEMA_DIGEST, DIGEST);
    assert_eq!(SCHEMA_DIGEST.len(), 64);
}

#[test]
fn resources_and_actions_round_trip() {
    check_round_trip(Resource::ALL, RESOURCES, "Resource");
    check_round_trip(Action::ALL, ACTIONS, "Action");
    for (r, value) in Resource::ALL.iter().zip(RESOURCES) {
        assert_eq!(r.as_str(), *value);
    }
    for (a, value) in Action::ALL.iter().zip(ACTIONS) {
        assert_eq!(a.as_str(), *value);
    }
}

#[test]
fn permissions_match_the_schema_and_the_lock() {
    let keys: Vec<&str> = PERMISSIONS.iter().map(|p| p.0).collect();
    check_round_trip(Permission::ALL, &keys, "Permission");
    assert_eq!(RESOURCE_ACTION_PAIRS.len(), PERMISSIONS.len());
    for (i, (p, (key, resource, action, id))) in Permission::ALL.iter().zip(PERMISSIONS).enumerate() {
        assert_eq!(p.as_str(), *key);
        assert_eq!(p.resource().as_str(), *resource);
        assert_eq!(p.action().as_str(), *action);
        assert_eq!(p.id(), *id);
        assert_eq!(Permission::from_id(*id), Some(*p));
        assert_eq!(Permission::from_pair(p.resource(), p.action()), Some(*p));
        assert_eq!(RESOURCE_ACTION_PAIRS[i], (p.resource(), p.action()));
    }
    let declared: HashSet<(Resource, Action)> = RESOURCE_ACTION_PAIRS.iter().copied().collect();
    assert_eq!(declared.len(), PERMISSIONS.len(), "pairs are unique");
    for r in Resource::ALL {
        for a in Action::ALL {
            let found = Permission::from_pair(*r, *a);
            assert_eq!(found.is_some(), declared.contains(&(*r, *a)), "{r} {a}");
        }
    }
    let max = PERMISSIONS.iter().map(|p| p.3).max().unwrap_or(0);
    for id in RETIRED_IDS.iter().copied().chain([max + 1, u32::MAX]) {
        assert_eq!(Permission::from_id(id), None, "id {id}");
    }
}

#[test]
fn require_permission_allows_exactly_the_granted_declared_pairs() {
    let granted: Vec<Permission> = Permission::ALL.iter().copied().step_by(2).collect();
    for r in Resource::ALL {
        for a in Action::ALL {
            let result = require_permission(&granted, *r, *a);
            match Permission::from_pair(*r, *a) {
                None => {
                    assert_eq!(result, Err(PermissionDenied::Undeclared(*r, *a)));
                    assert_eq!(result.unwrap_err().key(), None);
                    assert_eq!(
                        result.unwrap_err().to_string(),
                        format!("undeclared permission: resource {:?}, action {:?}", r.as_str(), a.as_str())
                    );
                }
                Some(p) if granted.contains(&p) => {
                    assert_eq!(result, Ok(()));
                    assert!(has_permission(granted.iter(), *r, *a));
                    assert!(has_permission(granted.clone(), *r, *a));
                    assert!(has_permission([p], *r, *a));
                }
                Some(p) => {
                    assert_eq!(result, Err(PermissionDenied::NotGranted(p)));
                    assert_eq!(result.unwrap_err().key(), Some(p.as_str()));
                    assert_eq!(result.unwrap_err().to_string(), format!("permission denied: {}", p.as_str()));
                    assert!(!has_permission(&granted, *r, *a));
                }
            }
            let nothing: [Permission; 0] = [];
            assert!(require_permission(nothing, *r, *a).is_err());
            let everything: HashSet<Permission> = Permission::ALL.iter().copied().collect();
            assert_eq!(
                require_permission(&everything, *r, *a).is_ok(),
                Permission::from_pair(*r, *a).is_some()
            );
        }
    }
}
${
  hasRoles
    ? `
const ROLES: &[(&str, &[&str])] = &[${roles.join(", ")}];

#[test]
fn roles_hold_their_expanded_permissions() {
    let names: Vec<&str> = ROLES.iter().map(|r| r.0).collect();
    check_round_trip(Role::ALL, &names, "Role");
    for (role, (name, keys)) in Role::ALL.iter().zip(ROLES) {
        assert_eq!(role.as_str(), *name);
        let held: Vec<&str> = role.permissions().iter().map(|p| p.as_str()).collect();
        assert_eq!(&held, keys, "role {name}");
        for p in Permission::ALL {
            let allowed = require_permission(role.permissions(), p.resource(), p.action()).is_ok();
            assert_eq!(allowed, keys.contains(&p.as_str()), "role {name}, {p}");
        }
    }
}
`
    : ""
}`;
}

/** A crate root that `include!`s the generated file inside a module that has its own imports. */
export function renderIncludeCrate(module: string): string {
  return `//! The generated file works through include! too: no inner attributes, no clashing imports.

pub mod vocabulary {
    #[allow(unused_imports)]
    use std::fmt;
    #[allow(unused_imports)]
    use std::str::FromStr;

    include!(${lit(module)});
}

pub fn digest() -> &'static str {
    vocabulary::SCHEMA_DIGEST
}
`;
}
