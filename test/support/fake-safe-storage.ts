/**
 * Stand-ins for Electron's safeStorage and electron-store, so the vault is tested in Node.
 * The fake "keychain" really encrypts (AES-256-GCM with a per-instance key): a test that
 * greps the file for the secret proves something.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import type { KeyValueStore, SafeStorageLike } from '../../src/core/vault/safe-storage-vault'

export class FakeSafeStorage implements SafeStorageLike {
  private readonly key = randomBytes(32)
  available = true
  backend: string | undefined = 'gnome_libsecret'
  calls = { encrypt: 0, decrypt: 0 }

  isEncryptionAvailable(): boolean {
    return this.available
  }
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.')
    this.calls.encrypt++
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
    return Buffer.concat([iv, c.getAuthTag(), body])
  }
  decryptString(buf: Buffer): string {
    this.calls.decrypt++
    const d = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12))
    d.setAuthTag(buf.subarray(12, 28))
    return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8')
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown'
  }
}

/** A JSON file, written on every change like electron-store does. */
export class JsonFileStore implements KeyValueStore {
  constructor(readonly file: string) {}
  private read(): Record<string, unknown> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, unknown>
    } catch {
      return {}
    }
  }
  get(key: string): unknown {
    return this.read()[key]
  }
  set(key: string, value: unknown): void {
    writeFileSync(this.file, JSON.stringify({ ...this.read(), [key]: value }, null, 2))
  }
  delete(key: string): void {
    const { [key]: _gone, ...rest } = this.read()
    writeFileSync(this.file, JSON.stringify(rest, null, 2))
  }
  text(): string {
    try {
      return readFileSync(this.file, 'utf8')
    } catch {
      return ''
    }
  }
}
