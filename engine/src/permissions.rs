//! The panel's base server permissions (calagopus/panel shared/src/permissions.rs
//! `BASE_SERVER_PERMISSIONS`, no extensions), as `<group>.<key>`, in the panel's order.
const SERVER_PERMISSIONS: &[(&str, &[&str])] = &[
    ("control", &["read-console", "console", "start", "stop", "restart"]),
    ("subusers", &["create", "read", "update", "delete"]),
    ("files", &["create", "read", "read-content", "update", "delete", "archive", "sftp", "query-raw"]),
    ("backups", &["create", "read", "download", "restore", "update", "delete"]),
    ("backup-groups", &["create", "read", "update", "delete"]),
    ("schedules", &["create", "read", "update", "delete"]),
    ("allocations", &["read", "create", "update", "delete"]),
    ("startup", &["read", "update", "command", "docker-image"]),
    (
        "databases",
        &[
            "create", "read", "read-password", "update", "recreate", "delete", "query", "query-raw",
            "edit-rows", "edit-structure", "delete-structure",
        ],
    ),
    (
        "database-instances",
        &[
            "create", "read", "update", "apply-update", "delete", "power", "logs", "databases",
            "recreate", "users", "import", "export", "query", "query-raw", "edit-rows",
            "edit-structure", "delete-structure",
        ],
    ),
    ("mounts", &["attach", "read", "detach"]),
    ("settings", &["rename", "timezone", "auto-kill", "auto-start", "install", "cancel-install"]),
    ("activity", &["read", "read-ip"]),
];

pub fn all_server_permissions() -> Vec<String> {
    SERVER_PERMISSIONS
        .iter()
        .flat_map(|(group, keys)| keys.iter().map(move |key| format!("{group}.{key}")))
        .collect()
}

pub fn is_server_permission(permission: &str) -> bool {
    SERVER_PERMISSIONS.iter().any(|(group, keys)| {
        permission
            .strip_prefix(group)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|key| keys.contains(&key))
    })
}
