//! Parsed userinfo bodies kept in the module under small integer handles, so a keystroke queries a
//! body that was parsed once.
use serde_json::{json, Value};
use std::sync::Mutex;

static DOCUMENTS: Mutex<Vec<Option<Value>>> = Mutex::new(Vec::new());

/// The panel reads the userinfo body with reqwest's `.json()`, which is `serde_json::from_slice` on the
/// bytes: a byte-order mark or invalid UTF-8 makes the login fail (calagopus/panel
/// backend/src/routes/api/auth/oauth/_oauth_provider_.rs; see docs/jsonpath-engine.md).
pub fn parse(bytes: &[u8]) -> Value {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(doc) => {
            let mut docs = DOCUMENTS.lock().unwrap();
            let slot = match docs.iter().position(Option::is_none) {
                Some(i) => {
                    docs[i] = Some(doc);
                    i
                }
                None => {
                    docs.push(Some(doc));
                    docs.len() - 1
                }
            };
            json!({ "ok": true, "handle": slot + 1 })
        }
        Err(e) => json!({ "ok": false, "error": e.to_string(), "line": e.line(), "column": e.column() }),
    }
}

pub fn free(handle: u32) {
    let mut docs = DOCUMENTS.lock().unwrap();
    if let Some(slot) = (handle as usize).checked_sub(1).and_then(|i| docs.get_mut(i)) {
        *slot = None;
    }
}

/// Runs `f` on the document under `handle` (None for handle 0 or a freed handle).
pub fn with<R>(handle: u32, f: impl FnOnce(Option<&Value>) -> R) -> R {
    let docs = DOCUMENTS.lock().unwrap();
    let doc = (handle as usize)
        .checked_sub(1)
        .and_then(|i| docs.get(i))
        .and_then(Option::as_ref);
    f(doc)
}
