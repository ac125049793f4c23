/**
 * How long the push steps take against the panel stand-in on loopback (the assistant's
 * own overhead: the network of a real panel adds its round trips). Prints median and
 * p95 per step. Run: npx tsx test/bench/panel-push-bench.ts [iterations]
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkConnection } from '../../src/core/panel/connection-check'
import { PanelClient } from '../../src/core/panel/panel-client'
import { normalizePanelUrl } from '../../src/core/panel/panel-url'
import { preflightProvider } from '../../src/core/panel/preflight'
import { planPush, pushProvider } from '../../src/core/panel/push'
import { verifyPanelRedirect } from '../support/login-redirect'
import { emptyProviderConfig } from '../../src/shared/provider'
import { startPanelStandin } from '../support/panel-standin'

const N = Number(process.argv[2] ?? 100)

async function main(): Promise<void> {
  const page = http.createServer((_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' })
    r.end('<form><input name="username"><input type="password" name="password"></form>')
  })
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()))
  const idp = `http://127.0.0.1:${(page.address() as AddressInfo).port}`
  const panel = await startPanelStandin({ rateLimit: false })
  // A panel with some history: 150 providers, so the name lookup pages.
  for (let i = 0; i < 150; i++) panel.seed({ name: `Bench IdP ${i}` })
  const base = normalizePanelUrl(panel.url)
  const times: Record<string, number[]> = { check: [], plan: [], create: [], 'update (1 field)': [], verify: [], preflight: [] }
  const time = async <T>(k: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    const r = await fn()
    times[k]!.push(performance.now() - t0)
    return r
  }
  for (let i = 0; i < N; i++) {
    const config = {
      ...emptyProviderConfig(),
      name: `Bench IdP ${i}-new`,
      client_id: 'bench',
      auth_url: `${idp}/authorize`,
      token_url: `${idp}/token`,
      info_url: `${idp}/me`
    }
    const input = { panel: base, apiKey: panel.apiKey, config, clientSecret: 'bench-secret' }
    await time('check', () => checkConnection(base, panel.apiKey))
    const plan = await time('plan', () => planPush(input))
    const pushed = await time('create', () => pushProvider({ ...input, fingerprint: plan.fingerprint }))
    await time('update (1 field)', () => pushProvider({ ...input, config: { ...config, scopes: ['openid'] } }))
    const v = await time('verify', () =>
      verifyPanelRedirect(new PanelClient({ panel: base }), pushed.uuid, { ...config, scopes: ['openid'] }, pushed.app_url)
    )
    if (!v.ok) throw new Error(v.problems.join('; '))
    const pre = await time('preflight', () => preflightProvider(v.authorization_url!, pushed.redirect_url))
    if (pre.outcome !== 'login-page') throw new Error(pre.message)
  }
  const pct = (xs: number[], p: number): number =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!
  console.log(`panel push steps against the loopback stand-in, ${N} iterations (ms):`)
  for (const [k, xs] of Object.entries(times))
    console.log(`  ${k.padEnd(18)} median ${pct(xs, 50).toFixed(1).padStart(6)}   p95 ${pct(xs, 95).toFixed(1).padStart(6)}`)
  await panel.close()
  page.closeAllConnections()
  page.close()
}

void main()
