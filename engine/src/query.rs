//! A path on a document, answered as the panel answers it: `JsonPath::parse` (the panel's
//! `validate_json_path` on save and its `extract_*` on login), `query`, the first node as the field value.
use crate::{document, text};
use serde_json::{json, Value};
use serde_json_path::JsonPath;

pub fn run(handle: u32, path_bytes: &[u8], node_limit: usize, text_max: usize, value_max: usize) -> Value {
    let path = String::from_utf8_lossy(path_bytes);
    let parsed = match JsonPath::parse(&path) {
        Ok(p) => p,
        Err(e) => {
            // serde_json_path's position is a byte offset into the path; hosts index UTF-16 code units.
            let byte = e.position().min(path.len());
            let mut at = byte;
            while !path.is_char_boundary(at) {
                at -= 1;
            }
            return json!({
                "valid": false,
                "error": e.to_string(),
                "message": e.message(),
                "position": e.position(),
                "utf16_offset": path[..at].encode_utf16().count(),
                "doc": handle != 0,
                "count": 0, "nodes": [], "value": null, "value_cut": false,
            });
        }
    };
    document::with(handle, |doc| {
        let Some(doc) = doc else {
            return json!({ "valid": true, "error": null, "doc": false, "count": 0, "nodes": [], "value": null, "value_cut": false });
        };
        let located = parsed.query_located(doc);
        let count = located.len();
        let mut nodes = Vec::new();
        for node in located.iter().take(node_limit) {
            let (json, cut) = text::json_text(node.node(), text_max);
            nodes.push(json!({
                "location": text::normalized_path(node.location()),
                "segments": text::path_segments(node.location()),
                "json": json,
                "cut": cut,
                "kind": kind(node.node()),
            }));
        }
        // The panel's field value: the first node, a string raw else serde_json's text, cut to the column size
        // (calagopus/panel shared/src/models/oauth_provider.rs `extract_*` + utils.rs `truncate_up_to`).
        let (value, value_cut) = match located.first() {
            Some(first) => {
                let (v, cut) = text::node_text(first.node(), value_max);
                (Value::String(v), cut)
            }
            None => (Value::Null, false),
        };
        json!({ "valid": true, "error": null, "doc": true, "count": count, "nodes": nodes, "value": value, "value_cut": value_cut })
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
