import { AppError } from '../../shared/errors'
import { PANEL_LOGIN_RATE_LIMIT, panelLoginStartUrl } from '../../shared/panel-urls'
import type { ProviderConfig } from '../../shared/provider'
import type { PanelLoginVerification, PanelRateLimit } from '../../shared/schemas/panel'
import type { HttpResponse } from '../net/http'
import { PanelClient } from './panel-client'
import type { PanelBase } from './panel-url'
import { preflightProvider } from './preflight'
import { checkLoginRedirect } from './redirect-verify'

export interface VerifyLoginInput {
  /** The panel as the admin reached it. */
  panel: PanelBase
  uuid: string
  config: ProviderConfig
  /** The panel's app.url; read from its settings when absent. */
  appUrl?: string
  timeoutMs?: number
  signal?: AbortSignal
  /** Login redirects this process already asked the panel for, per provider (for the tries-left estimate). */
  redirectLog?: RedirectLog
}

/**
 * Remembers when this process asked the panel for a provider's login redirect, so the
 * admin can be told how many of the panel's tries are left at most (the panel says it
 * only in its 429). One per host process: the handler table owns it.
 */
export class RedirectLog {
  private readonly times = new Map<string, number[]>()
  constructor(private readonly now: () => number = Date.now) {}

  /** Records one request; returns how many fall in the current window, this one included. */
  record(panel: PanelBase, uuid: string): number {
    const key = `${panel.base}|${uuid.toLowerCase()}`
    const since = this.now() - PANEL_LOGIN_RATE_LIMIT.windowSeconds * 1000
    const kept = (this.times.get(key) ?? []).filter((t) => t > since)
    kept.push(this.now())
    this.times.set(key, kept)
    return kept.length
  }
}

function headerInt(res: HttpResponse, name: string): number | null {
  const v = res.headers.get(name)
  if (v === null || !/^\d+$/.test(v.trim())) return null
  return Number(v.trim())
}

/** X-RateLimit-Remaining when the panel sent it (its 429), else an upper bound from our own count. */
function rateLimitOf(res: HttpResponse, usedHere: number): PanelRateLimit {
  const remaining = headerInt(res, 'x-ratelimit-remaining')
  const retry = headerInt(res, 'retry-after')
  return {
    limit: PANEL_LOGIN_RATE_LIMIT.allowed,
    window_seconds: PANEL_LOGIN_RATE_LIMIT.windowSeconds,
    tries_left: remaining ?? Math.max(0, PANEL_LOGIN_RATE_LIMIT.allowed - usedHere),
    source: remaining === null ? 'estimate' : 'panel',
    retry_after_seconds: retry
  }
}

function triesLeftNote(r: PanelRateLimit): string {
  const window = `${r.window_seconds / 60} minutes`
  if (r.source === 'panel') {
    return r.tries_left === 0
      ? `The panel allows no more login redirects for this provider from this address right now${r.retry_after_seconds !== null ? ` (again in ${r.retry_after_seconds} s)` : ''}; the verification was not retried.`
      : `The panel allows ${r.tries_left} more login redirect${r.tries_left === 1 ? '' : 's'} for this provider from this address in the current ${window}.`
  }
  return (
    `This check used one of the ${r.limit} login redirects the panel allows per provider and IP address in ${window}: ` +
    `at most ${r.tries_left} left for this provider from this address (real login attempts from here count too).`
  )
}

/** Scheme and host of a URL, or null. */
function hostOf(url: string): string | null {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`.toLowerCase()
  } catch {
    return null
  }
}

/**
 * What to tell an admin about to try the real login through the panel
 * (docs/panel-behaviour.md#login-flow): start on the app.url host, and in a private window.
 */
export function loginAdvice(panel: PanelBase, appUrl: string, uuid: string): string[] {
  const start = panelLoginStartUrl(appUrl, uuid)
  const advice = [
    `Try the real login in a private (incognito) window, starting at ${start}. In a browser where you are signed in to the panel, the provider would be linked to your own account instead of logging in (or the panel answers 409 “you cannot link with this oauth provider” when user_manageable is off).`
  ]
  const typed = hostOf(panel.base)
  const app = hostOf(appUrl)
  if (typed && app && typed !== app) {
    advice.push(
      `You reached the panel at ${typed}, but its app.url is ${app}: the login must start on ${app} (the address above). Started from ${typed}, the panel’s state cookie is set for the wrong host and the login fails with “oauth csrf state not found”.`
    )
  }
  return advice
}

/**
 * Verifies a provider's login on the panel: exactly one request to the panel's login
 * route (never retried: the panel allows 5 per provider and IP in 5 minutes), its 307
 * checked against the draft, then the provider-side preflight with the panel's exact
 * parameters. A disabled provider has no login on the panel: nothing is requested and
 * the result says so without calling it a failure.
 */
export async function verifyPanelLogin(input: VerifyLoginInput): Promise<PanelLoginVerification> {
  const { panel, uuid, config } = input
  const base: Omit<PanelLoginVerification, 'status' | 'verified'> = {
    redirect: null,
    preflight: null,
    preflight_error: null,
    rate_limit: null,
    problems: [],
    notes: [],
    login_advice: [],
    login_url: null
  }
  if (!config.enabled) {
    return {
      ...base,
      status: 'skipped-disabled',
      verified: false,
      notes: [
        'The provider was pushed disabled: the panel has no login for it (its login URL answers 404), so there is nothing to verify yet. Enable it, push, and the login is verified then.'
      ]
    }
  }
  const client = new PanelClient({ panel, timeoutMs: input.timeoutMs, signal: input.signal })
  const appUrl = input.appUrl ?? (await client.getSettings()).app_url
  const res = await client.getLoginRedirect(uuid)
  const used = input.redirectLog?.record(panel, uuid) ?? 1
  const redirect = checkLoginRedirect(res, uuid, config, appUrl)
  const rate_limit = rateLimitOf(res, used)
  const out: PanelLoginVerification = {
    ...base,
    status: redirect.ok ? 'verified' : res.status === 429 ? 'rate-limited' : res.status === 307 ? 'mismatch' : 'panel-error',
    verified: redirect.ok,
    redirect,
    rate_limit,
    problems: [...redirect.problems],
    notes: [triesLeftNote(rate_limit)],
    login_advice: loginAdvice(panel, appUrl, uuid),
    login_url: panelLoginStartUrl(appUrl, uuid)
  }
  if (!redirect.ok || !redirect.authorization_url) return out

  try {
    const pre = await preflightProvider(redirect.authorization_url, redirect.redirect_url, {
      timeoutMs: input.timeoutMs,
      signal: input.signal
    })
    out.preflight = pre
    if (pre.outcome === 'provider-error') out.problems.push(`${pre.message}${pre.hint ? ` ${pre.hint}` : ''}`)
  } catch (err) {
    if (err instanceof AppError && err.code === 'cancelled') throw err
    if (input.signal?.aborted) throw new AppError('cancelled', 'Cancelled.')
    const p = err instanceof AppError ? err.toPayload() : { code: 'internal' as const, message: String((err as Error)?.message ?? err) }
    out.preflight_error = { code: p.code, message: p.message, ...(p.hint ? { hint: p.hint } : {}) }
    out.notes.push(`The preflight could not reach the provider (${p.message}).`)
  }
  return out
}
