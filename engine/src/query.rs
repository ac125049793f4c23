//! A path on a document, answered as the panel answers it: `JsonPath::parse` (the panel's
//! `validate_json_path` on save and its `extract_*` on login), `query`, the first node as the field value.
//! Answers are written as JSON text directly (no intermediate `Value`): a keystroke asks five of them.
use crate::text::Segment;
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
        // `query` (not `query_located`): a descendant query on a large body selects thousands of nodes, and
        // only the first few need a location. Those are found by identity in one walk of the document.
        let nodes = jp.query(doc).all();
        let shown = &nodes[..nodes.len().min(node_limit)];
        let locations = locate(doc, shown);
        let _ = write!(out, "{{\"valid\":true,\"error\":null,\"count\":{},\"nodes\":[", nodes.len());
        for (i, (node, location)) in shown.iter().zip(&locations).enumerate() {
            if i > 0 {
                out.push(',');
            }
            let (json, cut) = text::json_text(node, text_max);
            out.push_str("{\"location\":");
            push_str(&mut out, &text::normalized_path_of(location));
            out.push_str(",\"segments\":[");
            for (j, segment) in location.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                match segment {
                    Segment::Index(k) => {
                        let _ = write!(out, "{k}");
                    }
                    Segment::Name(name) => push_str(&mut out, name),
                }
            }
            out.push_str("],\"json\":");
            push_str(&mut out, &json);
            let _ = write!(out, ",\"cut\":{cut},\"kind\":\"{}\"}}", kind(node));
        }
        out.push_str("],\"value\":");
        // The panel's field value: the first node, a string raw else serde_json's text, cut to the column size
        // (calagopus/panel shared/src/models/oauth_provider.rs `extract_*` + utils.rs `truncate_up_to`).
        match nodes.first() {
            Some(first) => {
                let (v, cut) = text::node_text(first, value_max);
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

/// The locations of `wanted` (nodes of `doc`, by identity), in the same order; one depth-first walk that
/// stops once every node is found.
fn locate<'a>(doc: &'a Value, wanted: &[&'a Value]) -> Vec<Vec<Segment<'a>>> {
    let mut found: Vec<Option<Vec<Segment<'a>>>> = vec![None; wanted.len()];
    let mut missing = wanted.len();
    let mut stack: Vec<Segment<'a>> = Vec::new();
    // The wanted nodes' addresses, sorted, each with its index in `wanted` (a node may be wanted twice).
    let mut by_address: Vec<(usize, usize)> = wanted.iter().enumerate().map(|(i, w)| (*w as *const Value as usize, i)).collect();
    by_address.sort();
    fn walk<'a>(
        v: &'a Value,
        by_address: &[(usize, usize)],
        found: &mut [Option<Vec<Segment<'a>>>],
        missing: &mut usize,
        stack: &mut Vec<Segment<'a>>,
    ) {
        let address = v as *const Value as usize;
        let first = by_address.partition_point(|(a, _)| *a < address);
        for &(a, i) in &by_address[first..] {
            if a != address {
                break;
            }
            if found[i].is_none() {
                found[i] = Some(stack.clone());
                *missing -= 1;
            }
        }
        if *missing == 0 {
            return;
        }
        match v {
            Value::Array(items) => {
                for (k, item) in items.iter().enumerate() {
                    stack.push(Segment::Index(k));
                    walk(item, by_address, found, missing, stack);
                    stack.pop();
                    if *missing == 0 {
                        return;
                    }
                }
            }
            Value::Object(members) => {
                for (name, member) in members {
                    stack.push(Segment::Name(name));
                    walk(member, by_address, found, missing, stack);
                    stack.pop();
                    if *missing == 0 {
                        return;
                    }
                }
            }
            _ => {}
        }
    }
    if missing > 0 {
        walk(doc, &by_address, &mut found, &mut missing, &mut stack);
    }
    found.into_iter().map(Option::unwrap_or_default).collect()
}
