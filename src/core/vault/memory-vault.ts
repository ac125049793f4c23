import type { SecretVault } from './vault'

/** Browser mode and the CLI: secrets live only as long as the process. */
export class MemoryVault implements SecretVault {
  readonly kind = 'memory' as const
  readonly description = 'Secrets are kept in memory only while this process runs; no secret is written to disk.'
  private readonly secrets = new Map<string, string>()

  async get(key: string): Promise<string | null> {
    return this.secrets.get(key) ?? null
  }
  async set(key: string, value: string): Promise<void> {
    this.secrets.set(key, value)
  }
  async delete(key: string): Promise<void> {
    this.secrets.delete(key)
  }
  async has(key: string): Promise<boolean> {
    return this.secrets.has(key)
  }
}
