import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { createHandlers } from '../../src/core/handlers'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import { createWebServices } from '../../src/web/services'
import { startWebServer, type WebServer } from '../../src/web/server'

const ROOT = resolve(import.meta.dirname, '..', '..')
export const ARTIFACTS = join(ROOT, 'test', 'artifacts')
mkdirSync(ARTIFACTS, { recursive: true })

// Chromium writes into XDG folders; keep it out of the user's home.
const xdg = mkdtempSync(join(tmpdir(), 'calagopus-xdg-'))
process.env.XDG_CONFIG_HOME ??= join(xdg, 'config')
process.env.XDG_CACHE_HOME ??= join(xdg, 'cache')
process.on('exit', () => rmSync(xdg, { recursive: true, force: true }))

export interface AppUnderTest {
  web: WebServer
  dataDir: string
  /** URLs the app asked the system browser to open (browser mode with --no-open records them). */
  opened: string[]
}

/** A browser-mode server over the built renderer, with a fresh data folder per test. */
export const test = base.extend<{ app: AppUnderTest }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'calagopus-data-'))
    const opened: string[] = []
    const services = createWebServices({ noOpen: true, dataDir })
    services.openExternal = async (url) => {
      opened.push(url)
      return false
    }
    const web = await startWebServer({ dispatcher: new Dispatcher(createHandlers(services)), rendererDir: join(ROOT, 'out', 'renderer') })
    await use({ web, dataDir, opened })
    await web.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

export { expect }

/** Saves a full-page screenshot as test/artifacts/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** Runs axe-core (WCAG 2.x A/AA rules) on the page; returns the violations, summarised. */
export async function axeViolations(page: Page): Promise<string[]> {
  // The page's CSP forbids injected scripts; evaluate the source directly instead.
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: unknown
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> }
    }
    const r = await g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
  return violations
}

/**
 * Types a provider by hand, as an admin without discovery would: name, the three URLs and the
 * client ID (left on the Client credentials step).
 */
export async function fillProviderByHand(
  page: Page,
  urls: { authUrl: string; tokenUrl: string; userinfoUrl: string },
  clientId = 'basic-client'
): Promise<void> {
  await page.getByLabel(/^Name/).fill('Company IdP')
  await page.getByLabel('Auth URL').fill(urls.authUrl)
  await page.getByLabel('Token URL').fill(urls.tokenUrl)
  await page.getByLabel('Info URL').fill(urls.userinfoUrl)
  await page.getByTestId('nav-credentials').click()
  await page.getByLabel(/^Client ID/).fill(clientId)
}
