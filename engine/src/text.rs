//! Text helpers with the panel's own truncation and a capped serde_json writer.
use serde_json::Value;
use std::io::{self, Write};

/// calagopus/panel shared/src/utils.rs `truncate_up_to`: cut at `max_len` bytes, moved back to a
/// character boundary.
pub fn truncate_up_to(mut s: String, max_len: usize) -> String {
    if max_len >= s.len() || s.is_empty() {
        return s;
    }
    let mut idx = max_len;
    while !s.is_char_boundary(idx) {
        idx -= 1;
    }
    s.truncate(idx);
    s
}

struct Capped {
    buf: Vec<u8>,
    cap: usize,
}

impl Write for Capped {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = self.cap.saturating_sub(self.buf.len());
        if room == 0 {
            return Err(io::Error::other("cap"));
        }
        let n = room.min(data.len());
        self.buf.extend_from_slice(&data[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// serde_json's text of `v` (what `v.to_string()` prints), cut at `max` bytes on a character boundary
/// (0: whole). Serialization stops at the cap, so a 1 MB node costs no more than its first bytes.
/// Returns the text and whether it was cut.
pub fn json_text(v: &Value, max: usize) -> (String, bool) {
    if max == 0 {
        return (v.to_string(), false);
    }
    // One byte more than the cap tells "exactly max" from "longer"; +4 keeps a whole char past the cut.
    let mut w = Capped { buf: Vec::new(), cap: max + 4 };
    let cut = serde_json::to_writer(&mut w, v).is_err() || w.buf.len() > max;
    let text = String::from_utf8_lossy(&w.buf).into_owned();
    if cut {
        (truncate_up_to(valid_prefix(text), max), true)
    } else {
        (text, false)
    }
}

/// The panel's text of a node: a string as is, anything else as serde_json prints it
/// (oauth_provider.rs `extract_*`, oauth_provider_mapping.rs `node_string`). Cut like `json_text`.
pub fn node_text(v: &Value, max: usize) -> (String, bool) {
    match v {
        Value::String(s) => {
            if max == 0 || s.len() <= max {
                (s.clone(), false)
            } else {
                (truncate_up_to(s.clone(), max), true)
            }
        }
        other => json_text(other, max),
    }
}

/// Drops a replacement character that a cut through a multi-byte character left at the end.
fn valid_prefix(mut s: String) -> String {
    if s.ends_with('\u{FFFD}') {
        s.pop();
    }
    s
}

/// One step of a node's location.
#[derive(Clone)]
pub enum Segment<'a> {
    Name(&'a str),
    Index(usize),
}

/// A node's location (from serde_json_path) as an RFC 9535 normalized path.
pub fn normalized_path(location: &serde_json_path::NormalizedPath<'_>) -> String {
    use serde_json_path::PathElement;
    let segments: Vec<Segment<'_>> = location
        .iter()
        .map(|element| match element {
            PathElement::Index(i) => Segment::Index(*i),
            PathElement::Name(name) => Segment::Name(name),
        })
        .collect();
    normalized_path_of(&segments)
}

/// An RFC 9535 normalized path (`$['a'][0]`), names escaped as §2.7 says (serde_json_path's own
/// Display leaves quotes and backslashes in names unescaped).
pub fn normalized_path_of(location: &[Segment<'_>]) -> String {
    let mut out = String::from("$");
    for element in location {
        match element {
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
            Segment::Name(name) => {
                out.push_str("['");
                for c in name.chars() {
                    match c {
                        '\'' => out.push_str("\\'"),
                        '\\' => out.push_str("\\\\"),
                        '\u{8}' => out.push_str("\\b"),
                        '\u{c}' => out.push_str("\\f"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push_str("']");
            }
        }
    }
    out
}
