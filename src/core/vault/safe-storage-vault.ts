import { AppError } from '../../shared/errors'
import type { SecretVault } from './vault'

/**
 * The part of Electron's `safeStorage` the vault uses, injected so the vault runs
 * (and is tested) in plain Node; src/main passes Electron's own object.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6` or `unknown`. */
  getSelectedStorageBackend?(): string
}

/** A persistent key-value store (electron-store in the app, a JSON file or a Map in tests). */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

/** Thrown instead of ever writing a secret to disk unencrypted. */
export class VaultEncryptionUnavailableError extends AppError {
  constructor() {
    super('vault.encryption-unavailable', 'This computer offers no encryption for stored secrets, so the secret was not saved to disk.', {
      hint: 'The secret stays usable until the assistant closes. To keep it across restarts, unlock or install a keychain (GNOME Keyring, KWallet) and restart the assistant.'
    })
  }
}

/**
 * Ciphertext format version. A stored value is `v1:<base64 of safeStorage ciphertext>`;
 * a future format gets a new prefix so old values are recognised rather than misread.
 */
const PREFIX = 'v1:'
const SECRETS_KEY = 'secrets'
const CONSENT_KEY = 'weak-storage-consent'

/**
 * Secrets encrypted with Electron's safeStorage (OS keychain: macOS Keychain, Windows
 * DPAPI, libsecret/KWallet on Linux) and kept in a key-value file.
 *
 * When safeStorage falls back to `basic_text` (Linux without a keyring) the "encryption"
 * uses a hard-coded key: anyone who can read the file can read the secret. The vault then
 * reports `weak-keychain` and keeps secrets in memory only until the admin says yes
 * (`setWeakConsent(true)`); then it writes them. Without any encryption it never writes.
 */
export class SafeStorageVault implements SecretVault {
  private readonly session = new Map<string, string>()

  constructor(
    private readonly safe: SafeStorageLike,
    private readonly store: KeyValueStore
  ) {}

  private backend(): string | undefined {
    return this.safe.getSelectedStorageBackend?.()
  }

  private available(): boolean {
    return this.safe.isEncryptionAvailable()
  }

  get kind(): SecretVault['kind'] {
    if (!this.available()) return 'memory'
    return this.backend() === 'basic_text' ? 'weak-keychain' : 'os-keychain'
  }

  get description(): string {
    switch (this.kind) {
      case 'memory':
        return 'This computer offers no encryption for stored secrets, so they are kept in memory only until the assistant closes; no secret is written to disk.'
      case 'weak-keychain':
        return this.consent() === true
          ? 'No keychain was found (safeStorage uses its basic_text backend): secrets are saved to disk only obfuscated with a fixed key, as you agreed. Anyone who can read your files can read them.'
          : 'No keychain was found (safeStorage uses its basic_text backend): saved secrets would only be obfuscated with a fixed key. They are kept in memory until you agree to save them to disk.'
      default: {
        const b = this.backend()
        return `Secrets are encrypted with the operating system’s keychain${b && b !== 'unknown' ? ` (${b})` : ''} and kept in the assistant’s settings file.`
      }
    }
  }

  /** Weak keychain only: true/false once the admin answered, null before. */
  async weakConsent(): Promise<boolean | null> {
    return this.kind === 'weak-keychain' ? this.consent() : null
  }

  /**
   * Records the admin's answer about saving secrets with the weak backend. Yes writes
   * the secrets held in memory; no moves any saved ones back into memory.
   */
  async setWeakConsent(allow: boolean): Promise<void> {
    this.store.set(CONSENT_KEY, allow)
    if (allow) {
      for (const [k, v] of this.session) this.persist(k, v)
      this.session.clear()
    } else {
      for (const k of Object.keys(this.stored())) {
        const v = this.readStored(k)
        if (v !== null) this.session.set(k, v)
        this.unpersist(k)
      }
    }
  }

  async get(key: string): Promise<string | null> {
    return this.session.get(key) ?? this.readStored(key)
  }

  async set(key: string, value: string): Promise<void> {
    if (this.persists()) {
      this.persist(key, value)
      this.session.delete(key)
    } else {
      this.session.set(key, value)
      this.unpersist(key)
    }
  }

  async delete(key: string): Promise<void> {
    this.session.delete(key)
    this.unpersist(key)
  }

  async has(key: string): Promise<boolean> {
    return this.session.has(key) || Object.hasOwn(this.stored(), key)
  }

  private consent(): boolean | null {
    const v = this.store.get(CONSENT_KEY)
    return typeof v === 'boolean' ? v : null
  }

  private persists(): boolean {
    const kind = this.kind
    return kind === 'os-keychain' || (kind === 'weak-keychain' && this.consent() === true)
  }

  private stored(): Record<string, string> {
    const v = this.store.get(SECRETS_KEY)
    return v && typeof v === 'object' ? (v as Record<string, string>) : {}
  }

  private persist(key: string, value: string): void {
    // Checked again at the moment of writing: availability can change (keyring locked).
    if (!this.available()) throw new VaultEncryptionUnavailableError()
    const cipher = this.safe.encryptString(value)
    this.store.set(SECRETS_KEY, { ...this.stored(), [key]: PREFIX + cipher.toString('base64') })
  }

  private unpersist(key: string): void {
    const all = this.stored()
    if (!Object.hasOwn(all, key)) return
    const { [key]: _gone, ...rest } = all
    this.store.set(SECRETS_KEY, rest)
  }

  private readStored(key: string): string | null {
    const raw = this.stored()[key]
    if (typeof raw !== 'string') return null
    if (!raw.startsWith(PREFIX)) {
      throw new AppError('vault.unreadable', 'A saved secret is in a format this version of the assistant does not know.', {
        hint: 'Clear the secret and enter it again.'
      })
    }
    if (!this.available()) throw new VaultEncryptionUnavailableError()
    try {
      return this.safe.decryptString(Buffer.from(raw.slice(PREFIX.length), 'base64'))
    } catch (cause) {
      throw new AppError('vault.unreadable', 'A saved secret could not be decrypted (the keychain may have changed since it was saved).', {
        hint: 'Clear the secret and enter it again.',
        cause
      })
    }
  }
}
