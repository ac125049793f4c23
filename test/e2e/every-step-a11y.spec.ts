import type { Page } from '@playwright/test'
import { basicClient, freePort, startIdp, type Idp } from '../support/oidc-idp'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { axeViolations, expect, shot, test } from './app-fixture'

/**
 * Every step, filled as an admin would leave it, in the light and the dark colour scheme:
 * axe finds nothing, and a screenshot of each is saved for a person to look at.
 */

let panel: PanelStandin
let idp: Idp

test.beforeEach(async () => {
  panel = await startPanelStandin({ prefix: '/panel' })
  idp = await startIdp({ clients: [basicClient(`http://127.0.0.1:${await freePort()}/callback`)] })
})
test.afterEach(async () => {
  await idp.close()
  await panel.close()
})

const USERINFO = JSON.stringify({
  sub: '248289761001',
  email: 'jane@acme.test',
  email_verified: true,
  preferred_username: 'jane_doe',
  given_name: 'Jane',
  family_name: 'Doe',
  groups: ['admins', 'staff']
})

async function check(page: Page, name: string): Promise<void> {
  await shot(page, name)
  expect(await axeViolations(page), name).toEqual([])
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every step in the ${scheme} scheme: no axe violations`, async ({ browser, app }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    try {
      await page.goto(app.web.launchUrl)
      await expect(page.locator('.radix-themes').first()).toHaveClass(new RegExp(scheme))
      await page.getByLabel('Provider address').fill(idp.issuer)
      await page.getByTestId('discover-run').click()
      await expect(page.getByTestId('discover-result')).toBeVisible()
      await page.getByLabel(/^Name/).fill('Company login')
      await check(page, `40-${scheme}-1-discover`)

      await page.getByTestId('nav-claims').click()
      await page.getByTestId('userinfo-text').fill(USERINFO)
      await page.getByTestId('userinfo-use').click()
      await expect(page.getByTestId('userinfo-source')).toContainText('pasted')
      await page.getByTestId('claims-login-open').click()
      await check(page, `40-${scheme}-2-claims`)

      await page.getByTestId('nav-scopes').click()
      await page.getByLabel('Another scope').fill('groups')
      await page.getByTestId('scope-add').click()
      await check(page, `40-${scheme}-3-scopes`)

      await page.getByTestId('nav-credentials').click()
      await page.getByLabel(/^Client ID/).fill('basic-client')
      await page.getByTestId('field-client_secret').fill('basic-secret-Xq7!v9 z')
      await page.getByTestId('field-client_secret').press('Enter')
      await expect(page.getByTestId('secret-status')).toHaveText('Set')
      await check(page, `40-${scheme}-4-credentials`)

      await page.getByTestId('nav-options').click()
      await check(page, `40-${scheme}-5-options`)

      await page.getByTestId('nav-finish').click()
      await page.getByLabel(/^Panel address/).fill(panel.url)
      await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
      await page.getByTestId('panel-check').click()
      await page.getByTestId('panel-plan').click()
      await expect(page.getByTestId('panel-plan-view')).toBeVisible()
      await check(page, `40-${scheme}-6-finish-review`)
      await page.getByTestId('panel-confirm').click()
      await expect(page.getByTestId('panel-verify-result')).toBeVisible()
      await expect(page.getByTestId('panel-preflight-result')).toBeVisible()
      await check(page, `40-${scheme}-6-finish-pushed`)

      await page.getByTestId('storage-notice-open').click()
      await expect(page.getByTestId('storage-notice')).toContainText('Never a secret')
      await check(page, `40-${scheme}-storage-notice`)
    } finally {
      await context.close()
    }
  })
}
