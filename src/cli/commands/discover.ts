import { parseArgs } from 'node:util'
import type { CliCommand } from '../command'
import { printJson, timeoutOption, UsageError } from '../command'
import { createCliClient } from '../dispatch'

export const discoverCommand: CliCommand = {
  name: 'discover',
  summary: 'Fetch and check a provider’s discovery document',
  usage: 'discover <url> [--json] [--timeout SECONDS]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, timeout: { type: 'string' } }
    })
    if (positionals.length !== 1) throw new UsageError('discover takes exactly one address: a host, an issuer URL or a well-known URL.')
    const timeoutMs = timeoutOption(values.timeout)
    // The app's discovery:run, through the same dispatcher.
    const client = await createCliClient(io)
    const r = await client.call('discovery:run', {
      url: positionals[0]!,
      ...(timeoutMs === undefined ? {} : { timeoutMs: Math.round(timeoutMs) })
    })
    const hasError = r.findings.some((f) => f.severity === 'error')
    if (values.json) {
      printJson(io, {
        issuer: r.issuer,
        auth_url: r.auth_url,
        token_url: r.token_url,
        info_url: r.info_url,
        claims_supported: r.claims_supported,
        scopes_supported: r.scopes_supported,
        token_endpoint_auth_methods_supported: r.token_endpoint_auth_methods_supported,
        code_challenge_methods_supported: r.code_challenge_methods_supported,
        basic_auth: r.basic_auth,
        warnings: r.warnings
      })
    } else {
      const line = (k: string, v: string | null): void => io.stdout(`${k.padEnd(14)} ${v ?? '(not published)'}\n`)
      line('Document', r.document_url)
      line('Issuer', r.issuer)
      line('Auth URL', r.auth_url)
      line('Token URL', r.token_url)
      line('Info URL', r.info_url)
      line('Scopes', r.scopes_supported?.join(' ') ?? null)
      line('Claims', r.claims_supported?.join(' ') ?? null)
      line('Basic Auth', `${r.basic_auth ? 'on' : 'off'} (${r.basic_auth_reason})`)
      for (const f of r.findings) io.stdout(`${f.severity.toUpperCase().padEnd(8)} ${f.message}${f.hint ? `\n         ${f.hint}` : ''}\n`)
    }
    // A document the panel can't use is a failure for scripts, even though we print it.
    if (hasError) {
      const n = r.findings.filter((f) => f.severity === 'error').length
      io.stderr(`error: the panel cannot work with this provider as published (${n} problem${n === 1 ? '' : 's'}: see "warnings").\n`)
      return 1
    }
    return 0
  }
}
