//! A path on a document, answered as the panel answers it: `JsonPath::parse` (the panel's
//! `validate_json_path` on save and its `extract_*` on login), `query`, the first node as the field value.
//! Answers are written as JSON text directly (no intermediate `Value`): a keystroke asks five of them.
use crate::{document, text};
use serde_json::Value;
use serde_json_path::JsonPath;
use std::fmt::Write;
use std::sync::Mutex;

/// A parsed path, or why the panel refuses it.
#[derive(Clone)]
enum Parsed {
    Valid(JsonPath),
    Refused { error: String, message: String, position: usize },
}

/// Recently parsed paths (the tester asks the same five on every keystroke), oldest replaced first.
/// A short list scanned linearly: smaller in the module than a hash map, and as fast at this size.
static PATHS: Mutex<(Vec<(String, Parsed)>, usize)> = Mutex::new((Vec::new(), 0));
const PATH_CACHE_SIZE: usize = 64;

fn parse(path: &str) -> Parsed {
    let mut guard = PATHS.lock().unwrap();
    let (cache, next) = &mut *guard;
    if let Some((_, hit)) = cache.iter().find(|(p, _)| p == path) {
        return hit.clone();
    }
    let parsed = match JsonPath::parse(path) {
        Ok(p) => Parsed::Valid(p),
        Err(e) => Parsed::Refused { error: e.to_string(), message: e.message().to_string(), position: e.position() },
    };
    if cache.len() < PATH_CACHE_SIZE {
        cache.push((path.to_string(), parsed.clone()));
    } else {
        cache[*next] = (path.to_string(), parsed.clone());
        *next = (*next + 1) % PATH_CACHE_SIZE;
    }
    parsed
}

/// Appends `s` as a JSON string literal.
fn push_str(out: &mut String, s: &str) {
    // SAFETY of the unwrap: serializing a &str into a Vec cannot fail.
    let mut buf = Vec::with_capacity(s.len() + 2);
    serde_json::to_writer(&mut buf, s).unwrap();
    out.push_str(std::str::from_utf8(&buf).unwrap());
}

pub fn run(handle: u32, path_bytes: &[u8], node_limit: usize, text_max: usize, value_max: usize) -> String {
    let path = String::from_utf8_lossy(path_bytes);
    let mut out = String::with_capacity(256);
    let jp = match parse(&path) {
        Parsed::Valid(jp) => jp,
        Parsed::Refused { error, message, position } => {
            // serde_json_path's position is a byte offset into the path; hosts index UTF-16 code units.
            let mut at = position.min(path.len());
            while !path.is_char_boundary(at) {
                at -= 1;
            }
            out.push_str("{\"valid\":false,\"error\":");
            push_str(&mut out, &error);
            out.push_str(",\"message\":");
            push_str(&mut out, &message);
            let _ = write!(
                out,
                ",\"position\":{position},\"utf16_offset\":{},\"count\":0,\"nodes\":[],\"value\":null,\"value_cut\":false}}",
                path[..at].encode_utf16().count()
            );
            return out;
        }
    };
    document::with(handle, |doc| {
        let Some(doc) = doc else {
            out.push_str("{\"valid\":true,\"error\":null,\"count\":0,\"nodes\":[],\"value\":null,\"value_cut\":false}");
            return out;
        };
        let located = jp.query_located(doc);
        let _ = write!(out, "{{\"valid\":true,\"error\":null,\"count\":{},\"nodes\":[", located.len());
        for (i, node) in located.iter().take(node_limit).enumerate() {
            if i > 0 {
                out.push(',');
            }
            let (json, cut) = text::json_text(node.node(), text_max);
            out.push_str("{\"location\":");
            push_str(&mut out, &text::normalized_path(node.location()));
            out.push_str(",\"segments\":");
            out.push_str(&text::path_segments(node.location()).to_string());
            out.push_str(",\"json\":");
            push_str(&mut out, &json);
            let _ = write!(out, ",\"cut\":{cut},\"kind\":\"{}\"}}", kind(node.node()));
        }
        out.push_str("],\"value\":");
        // The panel's field value: the first node, a string raw else serde_json's text, cut to the column size
        // (calagopus/panel shared/src/models/oauth_provider.rs `extract_*` + utils.rs `truncate_up_to`).
        match located.first() {
            Some(first) => {
                let (v, cut) = text::node_text(first.node(), value_max);
                push_str(&mut out, &v);
                let _ = write!(out, ",\"value_cut\":{cut}}}");
            }
            None => out.push_str("null,\"value_cut\":false}"),
        }
        out
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
