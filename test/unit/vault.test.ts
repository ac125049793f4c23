import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import { SafeStorageVault, VaultEncryptionUnavailableError } from '../../src/core/vault/safe-storage-vault'
import { clientSecretKey, panelApiKeyKey } from '../../src/core/vault/vault'
import { FakeSafeStorage, JsonFileStore } from '../support/fake-safe-storage'

const SECRET = 'sup3r-s3cret value+/='

describe('SafeStorageVault', () => {
  let dir: string
  let store: JsonFileStore
  let safe: FakeSafeStorage
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-'))
    store = new JsonFileStore(join(dir, 'secrets.json'))
    safe = new FakeSafeStorage()
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('encrypts with the OS keychain, versioned, and never writes the secret in clear', async () => {
    const vault = new SafeStorageVault(safe, store)
    expect(vault.kind).toBe('os-keychain')
    expect(vault.description).toContain('gnome_libsecret')
    await vault.set(clientSecretKey('d1'), SECRET)
    const text = store.text()
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'))
    const stored = (store.get('secrets') as Record<string, string>)[clientSecretKey('d1')]
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/)
    // A new vault on the same file (an app restart) reads it back.
    const again = new SafeStorageVault(safe, store)
    expect(await again.get(clientSecretKey('d1'))).toBe(SECRET)
    expect(await again.has(clientSecretKey('d1'))).toBe(true)
  })

  it('keeps keys with dots and slashes apart, and deletes', async () => {
    const vault = new SafeStorageVault(safe, store)
    await vault.set(panelApiKeyKey('https://panel.example.com'), 'k1')
    await vault.set(panelApiKeyKey('https://panel.example.org'), 'k2')
    expect(await vault.get(panelApiKeyKey('https://panel.example.com'))).toBe('k1')
    await vault.delete(panelApiKeyKey('https://panel.example.com'))
    expect(await vault.has(panelApiKeyKey('https://panel.example.com'))).toBe(false)
    expect(await vault.get(panelApiKeyKey('https://panel.example.org'))).toBe('k2')
  })

  it('refuses a value stored in an unknown format instead of misreading it', async () => {
    store.set('secrets', { [clientSecretKey('d1')]: 'v9:abcd' })
    const vault = new SafeStorageVault(safe, store)
    await expect(vault.get(clientSecretKey('d1'))).rejects.toMatchObject({ code: 'vault.unreadable' })
  })

  it('reports a ciphertext the keychain cannot decrypt as unreadable', async () => {
    await new SafeStorageVault(safe, store).set('client-secret/x', SECRET)
    const otherMachine = new SafeStorageVault(new FakeSafeStorage(), store)
    await expect(otherMachine.get('client-secret/x')).rejects.toMatchObject({ code: 'vault.unreadable' })
  })

  it('weak basic_text backend: memory only until the admin agrees, then written encrypted', async () => {
    safe.backend = 'basic_text'
    const vault = new SafeStorageVault(safe, store)
    expect(vault.kind).toBe('weak-keychain')
    expect(await vault.weakConsent()).toBeNull()
    await vault.set('client-secret/d', SECRET)
    expect(await vault.get('client-secret/d')).toBe(SECRET)
    expect(store.get('secrets')).toBeUndefined()
    await vault.setWeakConsent(true)
    expect(await vault.weakConsent()).toBe(true)
    expect(store.text()).not.toContain(SECRET)
    expect(Object.keys(store.get('secrets') as object)).toEqual(['client-secret/d'])
    // Saying no later takes it off the disk but keeps it for this session.
    await vault.setWeakConsent(false)
    expect(store.get('secrets')).toEqual({})
    expect(await vault.get('client-secret/d')).toBe(SECRET)
  })

  it('without encryption keeps secrets in memory and never writes them', async () => {
    safe.available = false
    const vault = new SafeStorageVault(safe, store)
    expect(vault.kind).toBe('memory')
    await vault.set('client-secret/d', SECRET)
    expect(await vault.get('client-secret/d')).toBe(SECRET)
    expect(store.text()).not.toContain(SECRET)
    expect(safe.calls.encrypt).toBe(0)
  })

  it('throws a typed error rather than writing when encryption disappears mid-way', async () => {
    safe.backend = 'basic_text'
    const vault = new SafeStorageVault(safe, store)
    await vault.set('client-secret/d', SECRET)
    // The keychain becomes unavailable between the question and the answer.
    safe.available = false
    const err = await vault.setWeakConsent(true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(VaultEncryptionUnavailableError)
    expect(err).toBeInstanceOf(AppError)
    expect(store.text()).not.toContain(SECRET)
  })
})

describe('MemoryVault', () => {
  it('holds secrets for the process only', async () => {
    const v = new MemoryVault()
    expect(v.kind).toBe('memory')
    await v.set('a', 'b')
    expect(await v.get('a')).toBe('b')
    await v.delete('a')
    expect(await v.has('a')).toBe(false)
  })
})
