import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startRouteServer, sendJson } from '../support/route-server'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { expect, shot, test } from './app-fixture'

/** The small things an admin meets on the way: each one as the admin would see it. */

const ROOT = resolve(import.meta.dirname, '..', '..')
const POCKET = readFileSync(join(ROOT, 'presets', 'pocket-id.yml'), 'utf8')

test('a provider typed as a bare host that speaks plain HTTP: said so, and http:// offered', async ({ page, app }) => {
  const srv = await startRouteServer()
  try {
    srv.route('/.well-known/openid-configuration', (req, res) =>
      sendJson({
        issuer: srv.origin,
        authorization_endpoint: `${srv.origin}/authorize`,
        token_endpoint: `${srv.origin}/token`,
        userinfo_endpoint: `${srv.origin}/userinfo`,
        jwks_uri: `${srv.origin}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256']
      })(req, res)
    )
    await page.goto(app.web.launchUrl)
    const host = new URL(srv.origin).host
    await page.getByLabel('Provider address').fill(host)
    await page.getByTestId('discover-run').click()
    await expect(page.getByTestId('discover-error')).toContainText('speaks plain HTTP, not HTTPS')
    await expect(page.getByTestId('discover-error')).not.toContainText('not trusted')
    await shot(page, '60-discover-plain-http')
    await page.getByTestId('discover-use-http').click()
    await expect(page.getByLabel('Provider address')).toHaveValue(`http://${host}`)
    await expect(page.getByTestId('discover-result')).toContainText(srv.origin)
  } finally {
    await srv.close()
  }
})

test('unchecking a custom scope keeps it listed and keeps the keyboard focus on it', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByTestId('nav-scopes').click()
  await page.getByLabel('Another scope').fill('read:user')
  await page.getByTestId('scope-add').click()
  const box = page.getByTestId('scope-read:user')
  await expect(box).toBeChecked()
  await box.focus()
  await page.keyboard.press('Space')
  await expect(box).not.toBeChecked()
  await expect(box).toBeFocused()
  await expect(page.getByTestId('scope-string')).not.toContainText('read:user')
  await page.keyboard.press('Space')
  await expect(box).toBeChecked()
  // An empty custom scope: the label and the message read apart.
  await page.getByTestId('scope-add').click()
  await expect(page.getByTestId('problem-custom-scope')).toHaveText('Another scope: Type a scope name, e.g. read:user.')
})

test('the redirect URL before a push is said in words, then with the panel’s real prefix', async ({ page, app }) => {
  const panel: PanelStandin = await startPanelStandin({ prefix: '/panel' })
  try {
    await page.goto(app.web.launchUrl)
    await page.getByTestId('nav-credentials').click()
    await expect(page.getByTestId('panel-redirect-uri')).toContainText('Your panel’s address, then /api/auth/oauth/')
    await expect(page.getByTestId('redirect-uris')).not.toContainText('{app.url}')
    await page.getByTestId('nav-finish').click()
    await page.getByLabel(/^Panel address/).fill(panel.url)
    await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
    await page.getByTestId('panel-check').click()
    await expect(page.getByTestId('panel-connected')).toBeVisible()
    await page.getByTestId('nav-credentials').click()
    await expect(page.getByTestId('panel-redirect-uri')).toContainText(`${panel.url}/api/auth/oauth/`)
    await expect(page.getByTestId('redirect-uris')).toContainText('followed by the id the panel gives this provider')
  } finally {
    await panel.close()
  }
})

test('one verdict: without a client ID the last step does not say the panel accepts the provider', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByTestId('import-input').setInputFiles({ name: 'pocket-id.yml', mimeType: 'application/yaml', buffer: Buffer.from(POCKET) })
  await expect(page.getByLabel(/^Name/)).toHaveValue('Pocket-ID')
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('finish-ok')).toHaveCount(0)
  await expect(page.getByTestId('finish-errors')).toContainText('Client ID: must be at least 3 characters long')
  await expect(page.getByTestId('finish-errors')).toContainText('a preset file can still be exported')
})

test('importing the same file twice lists two drafts a screen reader can tell apart', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  for (let i = 0; i < 2; i++) {
    await page
      .getByTestId('import-input')
      .setInputFiles({ name: 'pocket-id.yml', mimeType: 'application/yaml', buffer: Buffer.from(POCKET) })
    await expect(page.getByTestId('import-result')).toContainText('Imported pocket-id.yml')
    await page.getByLabel(/^Description/).fill(`copy ${i + 1}`)
    await expect(page.getByTestId('autosave-status')).toContainText('Draft saved')
  }
  await page.getByTestId('import-input').setInputFiles({ name: 'pocket-id.yml', mimeType: 'application/yaml', buffer: Buffer.from(POCKET) })
  await expect(page.getByRole('button', { name: 'Open Pocket-ID', exact: true })).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Open Pocket-ID (2)', exact: true })).toHaveCount(1)
})

test('a preset’s missing answers are said under their fields, without its internal placeholder keys', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByTestId('preset-keycloak').click()
  await page.getByTestId('preset-start').click()
  await expect(page.getByTestId('placeholder-problem-id-example-com')).toHaveText('required (for example sso.mydomain.com).')
  await expect(page.getByTestId('placeholder-problem-realm')).toHaveText('required (for example master).')
  await expect(page.getByTestId('preset-details')).not.toContainText('id.example.com:')
  await expect(page.getByTestId('preset-details')).not.toContainText('{realm}')
  await shot(page, '61-preset-missing-answers')
})

test('an invalid path is explained once, in words; a fix that empties a field does not offer the failing path back', async ({
  page,
  app
}) => {
  await page.goto(app.web.launchUrl)
  await page.getByTestId('nav-claims').click()
  await page.getByTestId('userinfo-text').fill(JSON.stringify({ sub: '1', email: 'a@b.c', preferred_username: 'jane.doe' }))
  await page.getByTestId('userinfo-use').click()
  await page.getByLabel(/^Email Path/).fill('$.email.')
  await expect(page.getByTestId('problem-email_path')).toHaveText(
    "Email Path: invalid JSONPath at position 8: a member name or '*' must follow the last '.'"
  )
  await expect(page.getByTestId('step-claims')).not.toContainText('backup')
  await expect(page.getByTestId('claim-result-email_path')).not.toContainText('position 8')
  await page.getByLabel(/^Email Path/).fill('$.email')

  // jane.doe fails the panel's username rule; the fix leaves the path empty.
  await expect(page.getByTestId('claim-rule-username_path')).toBeVisible()
  await page.getByRole('button', { name: 'Apply: leave Username Path empty' }).click()
  await expect(page.getByLabel(/^Username Path/)).toHaveValue('')
  await expect(page.getByTestId('panel-value-username_path')).toContainText('generated by the panel')
  await expect(page.getByTestId('suggestions-username_path').filter({ hasText: '$.preferred_username' })).toHaveCount(0)
})
