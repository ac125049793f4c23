//! Embeds a hash of the crate's own sources (Cargo.toml, Cargo.lock, build.rs, src/**) in the module,
//! so that a test can tell a committed .wasm built from older sources. The build wrapper passes the
//! hash in ENGINE_SOURCE_HASH (it builds from a copy whose Cargo.lock cargo may rewrite); a plain
//! `cargo build` computes it here. Algorithm (mirrored in scripts/engine-source-hash.mjs): FNV-1a 64
//! over, for each file in byte order of its relative path, `path NUL contents NUL`, with CRLF read as LF.
use std::{env, fs, path::Path};

fn collect(dir: &Path, rel: &str, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let rel_name = format!("{rel}/{name}");
        if entry.file_type().unwrap().is_dir() {
            collect(&entry.path(), &rel_name, out);
        } else {
            out.push(rel_name);
        }
    }
}

fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= *b as u64;
        *hash = hash.wrapping_mul(0x100000001b3);
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=ENGINE_SOURCE_HASH");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let hash = match env::var("ENGINE_SOURCE_HASH") {
        Ok(h) if !h.is_empty() => h,
        _ => {
            let root = env::var("CARGO_MANIFEST_DIR").unwrap();
            let root = Path::new(&root);
            let mut files = vec!["Cargo.lock".to_string(), "Cargo.toml".to_string(), "build.rs".to_string()];
            collect(&root.join("src"), "src", &mut files);
            files.sort();
            let mut h: u64 = 0xcbf29ce484222325;
            for f in files {
                let text = fs::read(root.join(&f)).unwrap();
                let text = String::from_utf8_lossy(&text).replace("\r\n", "\n");
                fnv1a(&mut h, f.as_bytes());
                fnv1a(&mut h, &[0]);
                fnv1a(&mut h, text.as_bytes());
                fnv1a(&mut h, &[0]);
            }
            format!("{h:016x}")
        }
    };
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("source_hash.rs");
    fs::write(out, format!("pub const SOURCE_HASH: &str = \"{hash}\";\n")).unwrap();
}
