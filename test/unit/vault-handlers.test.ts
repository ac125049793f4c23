import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import { SafeStorageVault } from '../../src/core/vault/safe-storage-vault'
import type { KeyValueStore } from '../../src/core/vault/safe-storage-vault'
import { FakeSafeStorage } from '../support/fake-safe-storage'

function mapStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>()
  return { map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v), delete: (k) => void map.delete(k) }
}

/** The vault methods of the contract: a secret goes in once; only "set or not" comes out. */
describe('vault:* methods', () => {
  it('set / status / clear / consent never return the secret', async () => {
    const safe = new FakeSafeStorage()
    safe.backend = 'basic_text'
    const store = mapStore()
    const d = new Dispatcher(
      createHandlers({
        mode: 'electron',
        version: 't',
        dataDir: '/nonexistent',
        openExternal: async () => false,
        vault: new SafeStorageVault(safe, store)
      })
    )
    const key = 'client-secret/abcdef12'
    const outs = [
      await d.call('vault:status', { key }),
      await d.call('vault:set', { key, value: 'the-secret-value' }),
      await d.call('vault:consent', { key, allow: true }),
      await d.call('vault:status', { key })
    ]
    expect(outs[0]).toEqual({ ok: true, data: expect.objectContaining({ kind: 'weak-keychain', weak_consent: null, set: false }) })
    expect(outs[1]).toEqual({ ok: true, data: expect.objectContaining({ set: true, weak_consent: null }) })
    expect(outs[3]).toEqual({ ok: true, data: expect.objectContaining({ set: true, weak_consent: true }) })
    expect(JSON.stringify(outs)).not.toContain('the-secret-value')
    expect(JSON.stringify([...store.map])).not.toContain('the-secret-value')
    expect(await d.call('vault:clear', { key })).toEqual({ ok: true, data: expect.objectContaining({ set: false }) })
  })

  it('refuses keys outside the known namespaces', async () => {
    const d = new Dispatcher(
      createHandlers({
        mode: 'web',
        version: 't',
        dataDir: '/nonexistent',
        openExternal: async () => false,
        vault: new SafeStorageVault(new FakeSafeStorage(), mapStore())
      })
    )
    const r = await d.call('vault:set', { key: '../../etc/passwd', value: 'x' })
    expect(r.ok).toBe(false)
  })
})
