import { axeViolations, expect, fillProviderByHand, shot, test } from './app-fixture'
import { basicClient, freePort, startIdp, type Idp } from '../support/oidc-idp'
import { makeApiKey, startPanelStandin, type PanelStandin } from '../support/panel-standin'
import type { Page } from '@playwright/test'

/**
 * The push part of the last step, against the panel stand-in and a real oidc-provider:
 * connect, review the field-by-field plan, send, then the redirect URL, the panel-side
 * verification and the provider-side preflight.
 */

let panel: PanelStandin
let idp: Idp
let uuid: string

test.beforeEach(async () => {
  panel = await startPanelStandin({ prefix: '/panel' })
  // The provider exists in the panel already (an earlier, older setup), so the redirect
  // URL is known and registered at the IdP; the push updates what differs.
  const existing = panel.seed({
    name: 'Company IdP',
    client_id: 'basic-client',
    scopes: ['openid'],
    description: 'old',
    client_secret: 'kept-in-panel'
  })
  uuid = existing.uuid
  idp = await startIdp({ clients: [basicClient(`${panel.url}/api/auth/oauth/${uuid}`)] })
  existing.auth_url = idp.authUrl
  existing.token_url = idp.tokenUrl
  existing.info_url = idp.userinfoUrl
})

test.afterEach(async () => {
  await idp.close()
  await panel.close()
})

async function fillDraft(page: Page): Promise<void> {
  await fillProviderByHand(page, idp)
  await page.getByTestId('nav-finish').click()
}

test('connect, review the diff, push, and get the redirect URL with both sides verified', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await fillDraft(page)
  await page.getByLabel(/^Panel address/).fill(`${panel.origin}/panel`)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-connected')).toContainText('Calagopus')
  await expect(page.getByTestId('panel-key-stored')).toBeVisible()
  await expect(page.getByLabel(/^Admin API key/)).toHaveValue('')

  await page.getByTestId('panel-plan').click()
  await expect(page.getByTestId('panel-plan-view')).toContainText('fields differ')
  await expect(page.getByTestId('panel-change-scopes')).toContainText('["openid"]')
  await expect(page.getByTestId('panel-change-description')).toBeVisible()
  await expect(page.getByTestId('panel-request')).toContainText(`PATCH /api/admin/oauth-providers/${uuid}`)
  expect(panel.writes()).toHaveLength(0)
  await shot(page, '08-push-plan')
  expect(await axeViolations(page)).toEqual([])

  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-redirect-url')).toHaveText(`${panel.origin}/panel/api/auth/oauth/${uuid}`)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.web.launchUrl).origin })
  await page.getByTestId('panel-copy-redirect').click()
  await expect(page.getByTestId('panel-copy-redirect')).toHaveText('Copied')
  expect(
    await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()
    )
  ).toBe(`${panel.origin}/panel/api/auth/oauth/${uuid}`)
  await expect(page.getByTestId('panel-verify-result')).toContainText('matches this draft')
  await expect(page.getByTestId('panel-preflight-result')).toContainText('login page')
  await expect(page.getByTestId('panel-verify-notes')).toContainText('at most 4 left')
  await expect(page.getByTestId('panel-login-advice').first()).toContainText('private (incognito) window')
  expect(panel.writes().map((w) => w.method)).toEqual(['PATCH'])
  expect(panel.providers.get(uuid)!.client_secret).toBe('kept-in-panel')
  await shot(page, '09-push-done')
  expect(await axeViolations(page)).toEqual([])

  await page.getByTestId('panel-open-login').click()
  await expect.poll(() => app.opened).toEqual([`${panel.origin}/panel/api/auth/oauth/redirect/${uuid}`])

  // Nothing changed since: a second review says so, and sends nothing.
  await page.getByTestId('panel-push-again').click()
  await expect(page.getByTestId('panel-plan-view')).toContainText('already matches this draft')
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-pushed')).toContainText('Unchanged')
  expect(panel.writes()).toHaveLength(1)
})

test('a refused key is told apart and shown on the key field', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await fillDraft(page)
  await page.getByLabel(/^Panel address/).fill(`${panel.origin}/panel`)
  await page.getByLabel(/^Admin API key/).fill(makeApiKey())
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-error')).toContainText('does not know this API key')
  await expect(page.getByTestId('panel-error')).toContainText('invalid api key')
  // The refused key is stored, but never shown as a good one.
  await expect(page.getByTestId('panel-key-stored')).toHaveCount(0)
  await expect(page.getByTestId('panel-key-refused')).toBeVisible()
  await page.getByLabel(/^Admin API key/).fill('too-short')
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-error')).toContainText('exactly 48')
  await shot(page, '08b-push-key-malformed')
})

test('a new provider without its client secret is stopped before sending, on the credentials step', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await fillDraft(page)
  await page.getByTestId('nav-discover').click()
  await page.getByLabel(/^Name/).fill('Brand-new IdP')
  await page.getByTestId('nav-finish').click()
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-connected')).toBeVisible()
  await page.getByTestId('panel-plan').click()
  await expect(page.getByTestId('panel-error')).toContainText('needs its client secret')
  await expect(page.getByTestId('nav-credentials')).toContainText('!')
  expect(panel.writes()).toHaveLength(0)
})

test('a slow panel can be cancelled while checking the connection', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await fillDraft(page)
  panel.delayMs = 30_000
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-cancel')).toBeVisible()
  await page.getByTestId('panel-cancel').click()
  await expect(page.getByTestId('panel-cancel')).toHaveCount(0)
  await expect(page.getByTestId('panel-error')).toHaveCount(0)
  await expect(page.getByTestId('panel-check')).toBeEnabled()
})

test('if the panel changes between review and confirm, nothing is sent and the plan is shown again', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await fillDraft(page)
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await page.getByTestId('panel-plan').click()
  await expect(page.getByTestId('panel-plan-view')).toBeVisible()
  // Someone edits the provider in the panel meanwhile.
  panel.providers.get(uuid)!.client_id = 'changed-in-panel'
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-error')).toContainText('changed since you reviewed')
  expect(panel.writes()).toHaveLength(0)
  await page.getByTestId('panel-replan').click()
  await expect(page.getByTestId('panel-change-client_id')).toContainText('changed-in-panel')
})

test('creates a new provider with the secret from the credentials step; the preflight says the redirect URL is not registered yet', async ({
  page,
  app
}) => {
  await page.goto(app.web.launchUrl)
  await fillDraft(page)
  await page.getByTestId('nav-discover').click()
  await page.getByLabel(/^Name/).fill('Fresh IdP')
  await page.getByTestId('nav-credentials').click()
  // Typing is enough: leaving the step stores it.
  await page.getByTestId('field-client_secret').fill('fresh-secret-123')
  await page.getByTestId('nav-finish').click()
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await page.getByTestId('panel-plan').click()
  await expect(page.getByTestId('panel-plan-view')).toContainText('Create “Fresh IdP”')
  await expect(page.getByTestId('panel-change-client_secret')).toContainText('set (hidden)')
  await expect(page.getByTestId('panel-request')).not.toContainText('fresh-secret-123')
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-pushed')).toContainText('Created “Fresh IdP”')
  const created = [...panel.providers.values()].find((p) => p.name === 'Fresh IdP')!
  expect(created.client_secret).toBe('fresh-secret-123')
  await expect(page.getByTestId('panel-redirect-url')).toHaveText(`${panel.url}/api/auth/oauth/${created.uuid}`)
  await expect(page.getByTestId('panel-preflight-result')).toContainText('invalid_redirect_uri')
  await expect(page.getByTestId('panel-preflight-result')).toContainText('exactly as shown')
  await shot(page, '09b-push-created-unregistered')
  expect(await page.content()).not.toContain('fresh-secret-123')
})

test('from the Pocket-ID preset to a pushed provider: redirect URL with the preset’s “where to paste it”', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByLabel('Search presets').fill('pocket')
  await page.getByTestId('preset-pocket-id').click()
  // A closed loopback port: tests never leave 127.0.0.1; the provider side is then unreachable.
  const closed = await freePort()
  await page.getByLabel(/Pocket-ID host/).fill(`127.0.0.1:${closed}`)
  await page.getByTestId('preset-start').click()
  await page.getByTestId('nav-credentials').click()
  await page.getByLabel(/^Client ID/).fill('pocket-client-id')
  await page.getByTestId('field-client_secret').fill('pocket-secret-456')
  await page.getByTestId('field-client_secret').press('Enter')
  await expect(page.getByTestId('secret-status')).toBeVisible()
  await page.getByTestId('nav-finish').click()
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await page.getByTestId('panel-plan').click()
  await expect(page.getByTestId('panel-plan-view')).toContainText('Create “Pocket-ID”')
  await page.getByTestId('panel-confirm').click()
  const created = await expect
    .poll(() => [...panel.providers.values()].find((p) => p.name === 'Pocket-ID')?.uuid)
    .toBeTruthy()
    .then(() => [...panel.providers.values()].find((p) => p.name === 'Pocket-ID')!)
  expect(created).toMatchObject({
    auth_url: `https://127.0.0.1:${closed}/authorize`,
    client_id: 'pocket-client-id',
    client_secret: 'pocket-secret-456'
  })
  await expect(page.getByTestId('panel-redirect-url')).toHaveText(`${panel.url}/api/auth/oauth/${created.uuid}`)
  await expect(page.getByTestId('panel-redirect-hint')).toHaveText('Pocket-ID admin → OIDC Clients → your client → Callback URLs.')
  await expect(page.getByTestId('panel-verify-result')).toContainText('matches this draft')
  await expect(page.getByTestId('panel-preflight-error')).toContainText('could not be reached')
  await shot(page, '09c-push-from-preset')
})

test('a disabled provider is pushed and not verified: a note, not a failure, and no login redirect asked for (as the CLI)', async ({
  page,
  app
}) => {
  await page.goto(app.web.launchUrl)
  await fillProviderByHand(page, idp)
  await page.getByTestId('nav-options').click()
  await page.getByTestId('switch-enabled').click()
  await expect(page.getByTestId('switch-enabled')).toHaveAttribute('aria-checked', 'false')
  await page.getByTestId('nav-finish').click()
  await page.getByLabel(/^Panel address/).fill(`${panel.origin}/panel`)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await page.getByTestId('panel-plan').click()
  await page.getByTestId('panel-confirm').click()

  await expect(page.getByTestId('panel-pushed')).toContainText('Updated')
  await expect(page.getByTestId('panel-verify-notes')).toContainText('pushed disabled')
  await expect(page.getByTestId('panel-verify-result')).toHaveCount(0)
  await expect(page.getByTestId('panel-preflight-result')).toHaveCount(0)
  expect(panel.providers.get(uuid)!.enabled).toBe(false)
  expect(panel.requests.filter((q) => q.path.includes('/api/auth/oauth/redirect/'))).toHaveLength(0)
})
