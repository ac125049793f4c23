/**
 * The few types of oidc-provider 9 (no bundled .d.ts; @types/oidc-provider lags behind)
 * that the test fixture uses.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface ProviderClient {
    clientId: string
  }
  interface ProviderAccount {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: Record<string, unknown> & {
        pkce?: { required?: (ctx: unknown, client: ProviderClient) => boolean }
        findAccount?: (ctx: unknown, id: string) => Promise<ProviderAccount | undefined>
      }
    )
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): this
    issuer: string
  }
}
