//! The assistant's JSONPath engine: the Calagopus panel's own crates (serde_json_path, serde_json with
//! `preserve_order`) behind a small WebAssembly ABI, so every path the assistant judges is judged by the
//! code the panel runs. See docs/jsonpath-engine.md for the ABI, the versions and how to rebuild.
//!
//! ABI (no imports, no wasm-bindgen): the host copies input bytes into memory from `alloc`, calls an
//! export, and reads the JSON answer at `(packed >> 32, packed & 0xffff_ffff)`, then frees it with `dealloc`.
mod document;
mod mapping;
mod permissions;
mod query;
mod text;

include!(concat!(env!("OUT_DIR"), "/source_hash.rs"));

#[cfg(target_family = "wasm")]
extern "C" {
    fn __wasm_call_ctors();
}

/// Runs static constructors once (serde_json_path registers its function table with `inventory`).
#[no_mangle]
pub extern "C" fn init() {
    #[cfg(target_family = "wasm")]
    unsafe {
        __wasm_call_ctors();
    }
}

#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len);
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// # Safety
/// `ptr`/`len` must come from `alloc(len)` or from an answer of this module.
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len));
}

unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

fn answer(value: serde_json::Value) -> u64 {
    answer_text(value.to_string())
}

fn answer_text(text: String) -> u64 {
    let mut bytes = text.into_bytes();
    bytes.shrink_to_fit();
    let len = bytes.len();
    let ptr = alloc(len);
    // SAFETY: `ptr` has room for `len` bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, len) };
    ((ptr as u64) << 32) | len as u64
}

/// `{"source_hash", "crates": {...}, "server_permissions": [...]}`.
#[no_mangle]
pub extern "C" fn engine_info() -> u64 {
    answer(serde_json::json!({
        "source_hash": SOURCE_HASH,
        "crates": { "serde_json_path": "0.7.2", "serde_json": "1 (preserve_order)" },
        "server_permissions": permissions::all_server_permissions(),
    }))
}

/// Parses a userinfo body (bytes) as the panel does (`serde_json::from_slice`) and keeps it under a handle.
/// `{"ok": true, "handle": n}` or `{"ok": false, "error", "line", "column"}`.
///
/// # Safety
/// `ptr`/`len` must describe readable memory.
#[no_mangle]
pub unsafe extern "C" fn document_parse(ptr: *const u8, len: usize) -> u64 {
    answer(document::parse(input(ptr, len)))
}

#[no_mangle]
pub extern "C" fn document_free(handle: u32) {
    document::free(handle);
}

/// Queries `path` on the document under `handle` (0: only parse the path). `node_limit` nodes are
/// listed, each node's text cut at `text_max` bytes (0: whole); `value_max` is the panel's byte limit
/// for the field value (255, username 15).
///
/// # Safety
/// `ptr`/`len` must describe readable memory.
#[no_mangle]
pub unsafe extern "C" fn path_query(
    handle: u32,
    ptr: *const u8,
    len: usize,
    node_limit: u32,
    text_max: u32,
    value_max: u32,
) -> u64 {
    let path = input(ptr, len);
    answer_text(query::run(handle, path, node_limit as usize, text_max as usize, value_max as usize))
}

/// Evaluates the panel's OAuth role/server mappings: body bytes + a JSON request
/// `{"granted_scope", "mappings", "user"?}`, answer as in the mapping interface.
///
/// # Safety
/// Both pointer/length pairs must describe readable memory.
#[no_mangle]
pub unsafe extern "C" fn mappings_evaluate(
    body_ptr: *const u8,
    body_len: usize,
    req_ptr: *const u8,
    req_len: usize,
) -> u64 {
    answer(mapping::run(input(body_ptr, body_len), input(req_ptr, req_len)))
}
