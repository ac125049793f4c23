// The hash of the engine crate's sources that engine/build.rs embeds in the module (same algorithm):
// FNV-1a 64 over, for each of Cargo.lock, Cargo.toml, build.rs and src/** in byte order of the relative
// path, `path NUL contents NUL`, CRLF read as LF. A test compares it with the committed module's.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** @param {string} root @returns {string[]} */
function listSources(root) {
  const files = ['Cargo.lock', 'Cargo.toml', 'build.rs']
  /** @param {string} rel */
  const walk = (rel) => {
    for (const name of readdirSync(join(root, rel))) {
      const child = `${rel}/${name}`
      if (statSync(join(root, child)).isDirectory()) walk(child)
      else files.push(child)
    }
  }
  walk('src')
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

/** @param {string} root the engine crate's folder @returns {string} 16 hex digits */
export function computeEngineSourceHash(root) {
  const prime = 0x100000001b3n
  const mask = 0xffffffffffffffffn
  let hash = 0xcbf29ce484222325n
  /** @param {Iterable<number>} bytes */
  const feed = (bytes) => {
    for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * prime) & mask
  }
  for (const file of listSources(root)) {
    const text = readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n')
    feed(Buffer.from(file))
    feed([0])
    feed(Buffer.from(text, 'utf8'))
    feed([0])
  }
  return hash.toString(16).padStart(16, '0')
}
