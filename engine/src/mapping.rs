//! The panel's OAuth role/server mappings, evaluated for one login.
//!
//! Written from calagopus/panel @ 76dfc96 `shared/src/models/oauth_provider_mapping.rs`: the two serde
//! enums, `nested_within_limit`/`validate_nesting`, `query_nodes`, `node_equals_str`, `node_string`,
//! `matches`, and `apply_for_user`/`apply`/`revert` over an in-memory user (every role and server exists;
//! the user owns the servers listed in `owns`). Types change only where the panel uses CompactString
//! (here String: same serde and Display). The POST payload is `{matcher, mapping}`
//! (backend/src/routes/api/admin/oauth_providers/_oauth_provider_/mappings/mod.rs), deserialized with
//! serde from the entry's JSON text as the panel's shared/src/payload.rs does.
//!
//! garde is not a dependency of this module: the panel's garde attributes are re-implemented with
//! garde 0.23's semantics and messages (see `validate_payload`). Traces are ours: they explain each
//! matcher's result node by node; `matched` itself always comes from the panel's `matches`.
use crate::{permissions, text};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use serde_json_path::JsonPath;

/// Nodes listed per field matcher in a trace.
const TRACE_NODES: usize = 20;
/// Bytes of a node's text kept in a trace.
const TRACE_TEXT_MAX: usize = 1024;

#[derive(Serialize, Deserialize, Clone)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OAuthProviderMappingMatcher {
    None,
    And { matchers: Vec<OAuthProviderMappingMatcher> },
    Or { matchers: Vec<OAuthProviderMappingMatcher> },
    Not { matcher: Box<OAuthProviderMappingMatcher> },
    Scopes { scopes: Vec<String> },
    FieldExists { path: String },
    FieldEquals { path: String, equals: String },
    FieldContains { path: String, contains: String },
    FieldStartsWith { path: String, starts_with: String },
    FieldEndsWith { path: String, ends_with: String },
}

impl OAuthProviderMappingMatcher {
    pub const MAX_NESTING_DEPTH: usize = 3;

    fn nested_within_limit(&self, depth: usize) -> bool {
        match self {
            Self::And { matchers } | Self::Or { matchers } => {
                depth < Self::MAX_NESTING_DEPTH && matchers.iter().all(|m| m.nested_within_limit(depth + 1))
            }
            Self::Not { matcher } => depth < Self::MAX_NESTING_DEPTH && matcher.nested_within_limit(depth + 1),
            _ => true,
        }
    }

    fn validate_nesting(value: &Self) -> Result<(), String> {
        if value.nested_within_limit(0) {
            Ok(())
        } else {
            Err(format!(
                "matcher may not nest groups more than {} levels deep",
                Self::MAX_NESTING_DEPTH
            ))
        }
    }

    fn query_nodes<'a>(path: &str, info: &'a Value) -> Vec<&'a Value> {
        match JsonPath::parse(path) {
            Ok(path) => path.query(info).all(),
            Err(_) => Vec::new(),
        }
    }

    fn node_equals_str(node: &Value, expected: &str) -> bool {
        match node {
            Value::String(value) => value == expected,
            node => node.to_string() == expected,
        }
    }

    fn node_string(node: &Value) -> String {
        match node {
            Value::String(value) => value.to_string(),
            node => node.to_string(),
        }
    }

    /// Whether one node satisfies a field matcher (the closure inside the panel's `matches`).
    fn node_matches(&self, node: &Value) -> bool {
        match self {
            Self::FieldExists { .. } => true,
            Self::FieldEquals { equals, .. } => Self::node_equals_str(node, equals),
            Self::FieldContains { contains, .. } => match node {
                Value::Array(values) => values.iter().any(|value| Self::node_equals_str(value, contains)),
                node => Self::node_string(node).contains(contains.as_str()),
            },
            Self::FieldStartsWith { starts_with, .. } => Self::node_string(node).starts_with(starts_with.as_str()),
            Self::FieldEndsWith { ends_with, .. } => Self::node_string(node).ends_with(ends_with.as_str()),
            _ => false,
        }
    }

    pub fn matches(&self, granted_scopes: &[String], info: &Value) -> bool {
        match self {
            Self::None => true,
            Self::And { matchers } => matchers.iter().all(|m| m.matches(granted_scopes, info)),
            Self::Or { matchers } => matchers.iter().any(|m| m.matches(granted_scopes, info)),
            Self::Not { matcher } => !matcher.matches(granted_scopes, info),
            Self::Scopes { scopes } => scopes.iter().all(|scope| granted_scopes.contains(scope)),
            Self::FieldExists { path } => !Self::query_nodes(path, info).is_empty(),
            Self::FieldEquals { path, .. }
            | Self::FieldContains { path, .. }
            | Self::FieldStartsWith { path, .. }
            | Self::FieldEndsWith { path, .. } => Self::query_nodes(path, info)
                .into_iter()
                .any(|node| self.node_matches(node)),
        }
    }

    fn field(&self) -> Option<(&'static str, &str, Option<&str>)> {
        match self {
            Self::FieldExists { path } => Some(("field_exists", path, None)),
            Self::FieldEquals { path, equals } => Some(("field_equals", path, Some(equals))),
            Self::FieldContains { path, contains } => Some(("field_contains", path, Some(contains))),
            Self::FieldStartsWith { path, starts_with } => Some(("field_starts_with", path, Some(starts_with))),
            Self::FieldEndsWith { path, ends_with } => Some(("field_ends_with", path, Some(ends_with))),
            _ => None,
        }
    }

    /// Our explanation of `matches`, evaluating every child (the panel stops at the first decisive one;
    /// the result is the same). `info` is None when the body could not be read.
    pub fn trace(&self, granted_scopes: &[String], info: Option<&Value>) -> Value {
        match self {
            Self::None => json!({ "type": "none", "matched": true }),
            Self::And { matchers } | Self::Or { matchers } => {
                let children: Vec<Value> = matchers.iter().map(|m| m.trace(granted_scopes, info)).collect();
                let hit = |c: &Value| c["matched"] == Value::Bool(true);
                let is_and = matches!(self, Self::And { .. });
                let matched = if is_and { children.iter().all(hit) } else { children.iter().any(hit) };
                json!({ "type": if is_and { "and" } else { "or" }, "matched": matched, "children": children })
            }
            Self::Not { matcher } => {
                let child = matcher.trace(granted_scopes, info);
                let matched = child["matched"] != Value::Bool(true);
                json!({ "type": "not", "matched": matched, "child": child })
            }
            Self::Scopes { scopes } => {
                let missing: Vec<&String> = scopes.iter().filter(|s| !granted_scopes.contains(s)).collect();
                json!({ "type": "scopes", "matched": missing.is_empty(), "required": scopes, "missing": missing })
            }
            _ => {
                let (kind, path, expected) = self.field().expect("field matcher");
                let parsed = JsonPath::parse(path);
                let path_valid = parsed.is_ok();
                let mut nodes = Vec::new();
                let mut node_count = 0;
                let mut matched = false;
                if let (Ok(jp), Some(info)) = (parsed, info) {
                    let located = jp.query_located(info);
                    node_count = located.len();
                    for node in located.iter() {
                        let hit = self.node_matches(node.node());
                        matched |= hit;
                        if nodes.len() < TRACE_NODES {
                            let (text, _) = text::node_text(node.node(), TRACE_TEXT_MAX);
                            nodes.push(json!({
                                "location": text::normalized_path(node.location()),
                                "text": text,
                                "is_array": node.node().is_array(),
                                "matched": hit,
                            }));
                        }
                    }
                }
                json!({
                    "type": kind, "matched": matched, "path": path, "path_valid": path_valid,
                    "expected": expected, "nodes": nodes, "node_count": node_count,
                })
            }
        }
    }
}

#[derive(Serialize, Deserialize, Clone)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OAuthProviderMappingType {
    Role {
        role_uuid: uuid::Uuid,
        #[serde(default)]
        revoke_unmatched: bool,
    },
    ServerSubuser {
        server_uuid: uuid::Uuid,
        permissions: Vec<String>,
        ignored_files: Vec<String>,
        #[serde(default)]
        revoke_unmatched: bool,
    },
}

impl OAuthProviderMappingType {
    pub fn revoke_unmatched(&self) -> bool {
        match self {
            Self::Role { revoke_unmatched, .. } | Self::ServerSubuser { revoke_unmatched, .. } => *revoke_unmatched,
        }
    }
}

/// The body of the panel's mapping create/update request.
#[derive(Deserialize)]
pub struct Payload {
    matcher: OAuthProviderMappingMatcher,
    mapping: OAuthProviderMappingType,
}

// ---- validation: the panel's garde attributes with garde 0.23's rules and messages ----------

/// garde `length`: "length is lower than N" / "length is greater than N".
fn check_len(len: usize, min: usize, max: usize) -> Option<String> {
    if len < min {
        Some(format!("length is lower than {min}"))
    } else if len > max {
        Some(format!("length is greater than {max}"))
    } else {
        None
    }
}

/// `#[garde(length(chars, min = 1, max = 255), custom(crate::utils::validate_json_path))]`:
/// chars are Unicode scalar values; the custom rule is `JsonPath::parse` (shared/src/utils.rs).
fn validate_path(path: &str, at: &str, errs: &mut Vec<String>) {
    if let Some(e) = check_len(path.chars().count(), 1, 255) {
        errs.push(format!("{at}: {e}"));
    }
    if let Err(err) = JsonPath::parse(path) {
        errs.push(format!("{at}: must be a valid json path: {err}"));
    }
}

/// `#[garde(length(max = 255))]` on a CompactString counts bytes (compact_str's garde support).
fn validate_value(value: &str, at: &str, errs: &mut Vec<String>) {
    if let Some(e) = check_len(value.len(), 0, 255) {
        errs.push(format!("{at}: {e}"));
    }
}

fn validate_matcher(m: &OAuthProviderMappingMatcher, at: &str, errs: &mut Vec<String>) {
    use OAuthProviderMappingMatcher as M;
    match m {
        M::None => {}
        M::And { matchers } | M::Or { matchers } => {
            for (i, sub) in matchers.iter().enumerate() {
                validate_matcher(sub, &format!("{at}.matchers[{i}]"), errs);
            }
        }
        M::Not { matcher } => validate_matcher(matcher, &format!("{at}.matcher"), errs),
        M::Scopes { scopes } => {
            // `length(max = 255), inner(length(max = 255))`: garde reports the inner rule first.
            for (i, s) in scopes.iter().enumerate() {
                if let Some(e) = check_len(s.len(), 0, 255) {
                    errs.push(format!("{at}.scopes[{i}]: {e}"));
                }
            }
            if let Some(e) = check_len(scopes.len(), 0, 255) {
                errs.push(format!("{at}.scopes: {e}"));
            }
        }
        M::FieldExists { path } => validate_path(path, &format!("{at}.path"), errs),
        M::FieldEquals { path, equals: v }
        | M::FieldContains { path, contains: v }
        | M::FieldStartsWith { path, starts_with: v }
        | M::FieldEndsWith { path, ends_with: v } => {
            validate_path(path, &format!("{at}.path"), errs);
            let name = match m {
                M::FieldEquals { .. } => "equals",
                M::FieldContains { .. } => "contains",
                M::FieldStartsWith { .. } => "starts_with",
                _ => "ends_with",
            };
            validate_value(v, &format!("{at}.{name}"), errs);
        }
    }
}

/// The `"<garde path>: <message>"` list the panel answers for one payload (empty: valid).
fn validate_payload(p: &Payload) -> Vec<String> {
    let mut errs = Vec::new();
    // matcher: `#[garde(dive, custom(validate_nesting))]`, dive reported first.
    validate_matcher(&p.matcher, "matcher", &mut errs);
    if let Err(e) = OAuthProviderMappingMatcher::validate_nesting(&p.matcher) {
        errs.push(format!("matcher: {e}"));
    }
    // mapping: `#[garde(dive)]`, ServerSubuser.permissions: `custom(validate_server_permissions)`,
    // which names the first permission the panel does not know (shared/src/permissions.rs).
    if let OAuthProviderMappingType::ServerSubuser { permissions, .. } = &p.mapping {
        if let Some(bad) = permissions.iter().find(|p| !permissions::is_server_permission(p)) {
            errs.push(format!("mapping.permissions: invalid permission: {bad}"));
        }
    }
    errs
}

// ---- apply_for_user / apply / revert over an in-memory user --------------------------------

struct User {
    role: Option<uuid::Uuid>,
    /// server -> permissions, in the order the subusers were created
    subusers: Vec<(uuid::Uuid, Vec<String>)>,
    owns: Vec<uuid::Uuid>,
}

struct Mapping {
    mapping: OAuthProviderMappingType,
    matched: bool,
}

#[derive(Default)]
struct Effects {
    reverted_servers: Vec<uuid::Uuid>,
    reverted_roles: Vec<uuid::Uuid>,
}

fn apply_for_user(mappings: Vec<Mapping>, user: &mut User, fx: &mut Effects) {
    let (matched, unmatched): (Vec<Mapping>, Vec<Mapping>) = mappings.into_iter().partition(|m| m.matched);
    if matched.is_empty() && !unmatched.iter().any(|m| m.mapping.revoke_unmatched()) {
        return;
    }
    let matched_role_uuids: Vec<uuid::Uuid> = matched
        .iter()
        .filter_map(|m| match &m.mapping {
            OAuthProviderMappingType::Role { role_uuid, .. } => Some(*role_uuid),
            _ => None,
        })
        .collect();
    let matched_server_uuids: Vec<uuid::Uuid> = matched
        .iter()
        .filter_map(|m| match &m.mapping {
            OAuthProviderMappingType::ServerSubuser { server_uuid, .. } => Some(*server_uuid),
            _ => None,
        })
        .collect();
    for m in &matched {
        apply(m, user);
    }
    for m in &unmatched {
        if !m.mapping.revoke_unmatched() {
            continue;
        }
        match &m.mapping {
            OAuthProviderMappingType::Role { role_uuid, .. } if matched_role_uuids.contains(role_uuid) => continue,
            OAuthProviderMappingType::ServerSubuser { server_uuid, .. }
                if matched_server_uuids.contains(server_uuid) =>
            {
                continue
            }
            _ => {}
        }
        revert(m, user, fx);
    }
}

fn apply(m: &Mapping, user: &mut User) {
    match &m.mapping {
        OAuthProviderMappingType::Role { role_uuid, .. } => user.role = Some(*role_uuid),
        OAuthProviderMappingType::ServerSubuser { server_uuid, permissions, .. } => {
            // The owner of a server is never made its subuser.
            if user.owns.contains(server_uuid) {
                return;
            }
            match user.subusers.iter_mut().find(|(s, _)| s == server_uuid) {
                Some(sub) => sub.1 = permissions.clone(),
                None => user.subusers.push((*server_uuid, permissions.clone())),
            }
        }
    }
}

fn revert(m: &Mapping, user: &mut User, fx: &mut Effects) {
    match &m.mapping {
        OAuthProviderMappingType::Role { role_uuid, .. } => {
            if !fx.reverted_roles.contains(role_uuid) {
                fx.reverted_roles.push(*role_uuid);
            }
            if user.role.as_ref() == Some(role_uuid) {
                user.role = None;
            }
        }
        OAuthProviderMappingType::ServerSubuser { server_uuid, .. } => {
            if user.owns.contains(server_uuid) {
                return;
            }
            if !fx.reverted_servers.contains(server_uuid) {
                fx.reverted_servers.push(*server_uuid);
            }
            user.subusers.retain(|(s, _)| s != server_uuid);
        }
    }
}

fn parse_uuid(v: &Value) -> Option<uuid::Uuid> {
    v.as_str().and_then(|s| s.parse::<uuid::Uuid>().ok())
}

fn read_user(u: Option<&Value>) -> User {
    let list = |key: &str| u.and_then(|u| u.get(key)).and_then(Value::as_array).cloned().unwrap_or_default();
    User {
        role: u.and_then(|u| u.get("role_uuid")).and_then(parse_uuid),
        subusers: list("subusers")
            .iter()
            .filter_map(|s| {
                let id = parse_uuid(s.get("server_uuid")?)?;
                let perms = s
                    .get("permissions")
                    .and_then(Value::as_array)
                    .map(|p| p.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                    .unwrap_or_default();
                Some((id, perms))
            })
            .collect(),
        owns: list("owns").iter().filter_map(parse_uuid).collect(),
    }
}

pub fn run(body: &[u8], request: &[u8]) -> Value {
    let request: Value = match serde_json::from_slice(request) {
        Ok(v) => v,
        Err(e) => return json!({ "request_error": e.to_string() }),
    };
    // The userinfo body as the panel reads it: serde_json::from_slice on the bytes.
    let (doc, doc_error) = match serde_json::from_slice::<Value>(body) {
        Ok(v) => (Some(v), None),
        Err(e) => (None, Some(e.to_string())),
    };
    // The token response's `scope`, split on every single space; absent or null: none
    // (oauth2 5.0.0 helpers.rs, as the panel's callback uses it).
    let granted: Vec<String> = match request.get("granted_scope") {
        Some(Value::String(s)) => s.split(' ').map(String::from).collect(),
        _ => Vec::new(),
    };
    let entries = request.get("mappings").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut errors = Vec::new();
    let mut entry_valid = Vec::new();
    let mut matched_out = Vec::new();
    let mut traces = Vec::new();
    let mut canonical = Vec::new();
    let mut mappings = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match serde_json::from_slice::<Payload>(entry.to_string().as_bytes()) {
            Err(e) => {
                errors.push(format!("mappings[{i}]: invalid payload: {e}"));
                entry_valid.push(false);
                matched_out.push(Value::Null);
                traces.push(Value::Null);
                canonical.push(Value::Null);
            }
            Ok(p) => {
                let errs = validate_payload(&p);
                entry_valid.push(errs.is_empty());
                errors.extend(errs.into_iter().map(|e| format!("mappings[{i}].{e}")));
                let matched = doc.as_ref().is_some_and(|info| p.matcher.matches(&granted, info));
                matched_out.push(Value::Bool(matched));
                traces.push(p.matcher.trace(&granted, doc.as_ref()));
                canonical.push(json!({ "matcher": p.matcher, "mapping": p.mapping }));
                mappings.push(Mapping { mapping: p.mapping, matched });
            }
        }
    }

    let mut user = read_user(request.get("user"));
    let before = user.subusers.clone();
    let mut fx = Effects::default();
    if doc.is_some() {
        apply_for_user(mappings, &mut user, &mut fx);
    }
    // Every server whose access the login changes, in the user's subuser order, then the removals.
    let mut servers = Vec::new();
    for (s, perms) in &user.subusers {
        if before.iter().find(|(b, _)| b == s).is_none_or(|(_, p)| p != perms) {
            servers.push(json!({ "server_uuid": s.to_string(), "action": "add_or_update", "permissions": perms }));
        }
    }
    for (s, _) in &before {
        if !user.subusers.iter().any(|(a, _)| a == s) {
            servers.push(json!({ "server_uuid": s.to_string(), "action": "remove", "permissions": [] }));
        }
    }
    json!({
        "valid": errors.is_empty(),
        "errors": errors,
        "entry_valid": entry_valid,
        "matched": matched_out,
        "traces": traces,
        "outcome": { "role_uuid": user.role.map(|r| r.to_string()), "servers": servers },
        "revoked_servers": fx.reverted_servers.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        "role_revokes": fx.reverted_roles.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        "granted_scopes": granted,
        "canonical": canonical,
        "doc_ok": doc.is_some(),
        "doc_error": doc_error,
    })
}
