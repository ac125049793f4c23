import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { basicClient, completeLogin, freePort, startIdp, type Idp } from '../support/oidc-idp'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { expect, shot, test } from './app-fixture'

/**
 * Everything derived from a draft belongs to it: switching drafts (open, import, preset,
 * blank) shows only that draft's discovery, userinfo, test login and push; what is worth
 * keeping is saved with the draft; a push shows as current only while the draft is what
 * was pushed.
 */

const ROOT = resolve(import.meta.dirname, '..', '..')
const POCKET = readFileSync(join(ROOT, 'presets', 'pocket-id.yml'), 'utf8')

let panel: PanelStandin
let idp: Idp
let loginPort: number

test.beforeEach(async () => {
  panel = await startPanelStandin({ prefix: '/panel' })
  loginPort = await freePort()
  idp = await startIdp({ clients: [basicClient(`http://127.0.0.1:${loginPort}/callback`)] })
})
test.afterEach(async () => {
  await idp.close()
  await panel.close()
})

/** Draft "A": discovered from the real provider, credentials typed. */
async function discoverA(page: Page): Promise<void> {
  await page.getByLabel('Provider address').fill(idp.issuer)
  await page.getByTestId('discover-run').click()
  await expect(page.getByTestId('discover-result')).toContainText(idp.issuer)
  await page.getByLabel(/^Name/).fill('Draft A')
}

/** Pushes the draft on screen as a new provider; returns its uuid. */
async function pushNew(page: Page, name: string): Promise<string> {
  await page.getByTestId('nav-credentials').click()
  await page.getByLabel(/^Client ID/).fill('basic-client')
  await page.getByTestId('field-client_secret').fill('basic-secret-Xq7!v9 z')
  await page.getByTestId('field-client_secret').press('Enter')
  await expect(page.getByTestId('secret-status')).toHaveText('Set')
  await page.getByTestId('nav-finish').click()
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-connected')).toContainText('0 OAuth providers')
  await page.getByTestId('panel-plan').click()
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-pushed')).toContainText(`Created “${name}”`)
  const uuid = [...panel.providers.values()].find((p) => p.name === name)!.uuid
  await expect(page.getByTestId('panel-redirect-url')).toHaveText(`${panel.url}/api/auth/oauth/${uuid}`)
  await expect(page.getByTestId('panel-verify-result')).toContainText('matches this draft')
  return uuid
}

test('1. a push stays with its draft: an import or another draft shows none of it; reopening shows it again', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await discoverA(page)
  const uuid = await pushNew(page, 'Draft A')

  await page.getByTestId('nav-discover').click()
  await page.getByTestId('import-input').setInputFiles({ name: 'pocket-id.yml', mimeType: 'application/yaml', buffer: Buffer.from(POCKET) })
  await expect(page.getByLabel(/^Name/)).toHaveValue('Pocket-ID')
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('step-finish')).toBeVisible()
  await expect(page.getByTestId('panel-pushed')).toHaveCount(0)
  await expect(page.getByTestId('panel-verify-result')).toHaveCount(0)
  await expect(page.getByTestId('panel-connected')).toHaveCount(0)
  await expect(page.getByTestId('step-finish')).not.toContainText(uuid)
  await page.getByTestId('nav-credentials').click()
  await expect(page.getByTestId('redirect-uris')).not.toContainText(uuid)
  await shot(page, '50-import-after-push')

  // A's push was saved with A: reopening it shows A's provider, and only A's.
  await page.getByTestId('nav-discover').click()
  await page.getByRole('button', { name: 'Open Draft A', exact: true }).click()
  await expect(page.getByLabel(/^Name/)).toHaveValue('Draft A')
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('panel-redirect-url')).toHaveText(`${panel.url}/api/auth/oauth/${uuid}`)
  await expect(page.getByTestId('panel-pushed')).toContainText('Last push')
  await expect(page.getByTestId('panel-push-stale')).toHaveCount(0)
})

test('2. discovery stays with its draft: a preset or an import starts without it; reopening restores it', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await discoverA(page)
  await page.getByTestId('nav-scopes').click()
  await expect(page.getByTestId('step-scopes')).toContainText('what your provider publishes')
  await expect(page.getByTestId('autosave-status')).toContainText('Draft saved')

  await page.getByTestId('nav-discover').click()
  await page.getByTestId('preset-keycloak').click()
  await page.getByLabel(/Keycloak host/).fill('sso.acme.test')
  await page.getByLabel(/^Realm/).fill('staff')
  await page.getByTestId('preset-start').click()
  await expect(page.getByLabel(/^Auth URL/)).toHaveValue('https://sso.acme.test/realms/staff/protocol/openid-connect/auth')
  await expect(page.getByTestId('discover-result')).toHaveCount(0)
  await expect(page.getByTestId('step-discover')).not.toContainText(idp.issuer)
  await page.getByTestId('nav-scopes').click()
  await expect(page.getByTestId('step-scopes')).not.toContainText('what your provider publishes')
  await page.getByTestId('nav-credentials').click()
  await expect(page.getByTestId('basic_auth-recommendation')).toHaveCount(0)

  await page.getByTestId('nav-discover').click()
  await page.getByTestId('import-input').setInputFiles({ name: 'pocket-id.yml', mimeType: 'application/yaml', buffer: Buffer.from(POCKET) })
  await expect(page.getByLabel(/^Name/)).toHaveValue('Pocket-ID')
  await expect(page.getByTestId('discover-result')).toHaveCount(0)
  await expect(page.getByLabel('Provider address')).toHaveValue('')

  // A kept its own address and document.
  await page.getByRole('button', { name: 'Open Draft A', exact: true }).click()
  await expect(page.getByLabel('Provider address')).toHaveValue(idp.issuer)
  await expect(page.getByTestId('discover-result')).toContainText(idp.issuer)
  await page.getByTestId('nav-credentials').click()
  await expect(page.getByTestId('basic_auth-recommendation')).toBeVisible()
})

test('3. a push is current only while the draft is what was pushed; the connection line follows the panel', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await discoverA(page)
  await pushNew(page, 'Draft A')

  await page.getByTestId('nav-options').click()
  await page.getByTestId('switch-login_only').click()
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('panel-push-stale')).toContainText('Changed since the last push: Only allow Login')
  await expect(page.getByTestId('panel-verify-result')).toHaveCount(0)
  await expect(page.getByTestId('step-finish')).not.toContainText('matches this draft')
  await shot(page, '51-push-stale')

  // Undoing the change makes the push current again; reviewing sends the change.
  await page.getByTestId('panel-review-stale').click()
  await expect(page.getByTestId('panel-plan-view')).toContainText('1 field differs')
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-pushed')).toContainText('Updated “Draft A”')
  await expect(page.getByTestId('panel-push-stale')).toHaveCount(0)
  await expect(page.getByTestId('panel-verify-result')).toContainText('matches this draft')
  expect([...panel.providers.values()][0]!.login_only).toBe(true)
  // The connection line counted the panel's providers before the first push: it follows.
  await expect(page.getByTestId('panel-connected')).toContainText('1 OAuth provider.')
})

test('4. a userinfo sample keeps its origin across a reload', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByLabel('Provider address').fill(idp.issuer)
  await page.getByTestId('discover-run').click()
  await expect(page.getByTestId('discover-result')).toBeVisible()
  await page.getByTestId('nav-credentials').click()
  await page.getByLabel('Test login port').fill(String(loginPort))
  await page.getByLabel(/^Client ID/).fill('basic-client')
  await page.getByTestId('field-client_secret').fill('basic-secret-Xq7!v9 z')
  await page.getByTestId('field-client_secret').press('Enter')
  await expect(page.getByTestId('secret-status')).toHaveText('Set')
  await page.getByTestId('login-start').click()
  await expect.poll(() => app.opened.length).toBe(1)
  await completeLogin(app.opened[0]!)
  await expect(page.getByTestId('login-result')).toBeVisible()
  await page.getByTestId('nav-claims').click()
  await expect(page.getByTestId('userinfo-source')).toContainText('from the test login')
  await expect(page.getByTestId('autosave-status')).toContainText('Draft saved')

  await page.reload()
  await expect(page.getByTestId('step-claims')).toBeVisible()
  await expect(page.getByTestId('userinfo-source')).toContainText('from the test login')
  await expect(page.getByTestId('draft-summary')).toContainText('from the test login')
  await expect(page.getByTestId('step-claims')).not.toContainText('pasted')
})

test('the Claims step runs the test login in place, asking there for the missing client ID and secret', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByLabel('Provider address').fill(idp.issuer)
  await page.getByTestId('discover-run').click()
  await expect(page.getByTestId('discover-result')).toBeVisible()
  // The IdP knows one callback port: set it where the port lives (the Credentials step).
  await page.getByTestId('nav-credentials').click()
  await page.getByLabel('Test login port').fill(String(loginPort))
  await page.getByTestId('nav-claims').click()
  await page.getByTestId('claims-login-open').click()
  await expect(page.getByTestId('login-missing')).toContainText('Client ID, Client Secret')
  await page.getByLabel(/^Client ID/).fill('basic-client')
  // Typing the secret is enough: the test login stores it first.
  await page.getByLabel('Client Secret').fill('basic-secret-Xq7!v9 z')
  await expect(page.getByTestId('test-redirect-uri')).toHaveText(`http://127.0.0.1:${loginPort}/callback`)
  await page.getByTestId('login-start').click()
  await expect.poll(() => app.opened.length).toBe(1)
  await completeLogin(app.opened[0]!)
  await expect(page.getByTestId('login-result')).toBeVisible()
  await expect(page.getByTestId('userinfo-source')).toContainText('from the test login')
  await expect(page.getByTestId('claim-result-identifier_path')).toContainText('jane')
  await shot(page, '52-claims-login-in-place')
})
