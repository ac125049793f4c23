import { basicClient, completeLogin, freePort, startIdp, type Idp, type IdpClient } from '../support/oidc-idp'
import type { Page } from '@playwright/test'
import { axeViolations, expect, shot, test } from './app-fixture'

let idp: Idp
let client: IdpClient
let port: number
test.beforeAll(async () => {
  port = await freePort()
  client = basicClient(`http://127.0.0.1:${port}/callback`)
  idp = await startIdp({ clients: [client] })
})
test.afterAll(async () => {
  await idp?.close()
})

async function toCredentials(page: Page, launchUrl: string, secret: string): Promise<void> {
  await page.goto(launchUrl)
  await page.getByLabel('Provider address').fill(idp.issuer)
  await page.getByTestId('discover-run').click()
  await expect(page.getByTestId('discover-result')).toBeVisible()
  await page.getByTestId('nav-credentials').click()
  await expect(page.getByTestId('step-credentials')).toBeVisible()
  await page.getByLabel('Client ID').fill(client.client_id)
  await page.getByLabel('Test login port').fill(String(port))
  await expect(page.getByTestId('test-redirect-uri')).toHaveText(`http://127.0.0.1:${port}/callback`)
  // Typing the secret is enough: no separate save before the test login.
  await page.getByLabel('Client Secret').fill(secret)
  await expect(page.getByTestId('login-start')).toBeEnabled()
}

test('credentials, then a real test login whose userinfo feeds the Claims step', async ({ page, app }) => {
  await toCredentials(page, app.web.launchUrl, client.client_secret!)
  // Leaving the field stores it; write-only: once stored, the secret is nowhere in the page.
  await page.getByLabel('Client Secret').blur()
  await expect(page.getByTestId('secret-status')).toHaveText('Set')
  expect(await page.content()).not.toContain(client.client_secret!)
  await expect(page.getByTestId('secret-storage-notice')).toContainText('memory')
  await expect(page.getByTestId('basic_auth-recommendation')).toBeVisible()
  expect(await axeViolations(page)).toEqual([])
  await shot(page, '20-credentials-filled')

  await page.getByTestId('login-start').click()
  await expect(page.getByTestId('login-progress')).toBeVisible()
  await expect.poll(() => app.opened.length).toBe(1)
  await expect(page.getByTestId('login-open-link')).toHaveAttribute('href', app.opened[0]!)
  await shot(page, '21-test-login-waiting')
  // The provider's login and consent, completed over HTTP as a browser would.
  await completeLogin(app.opened[0]!)

  await expect(page.getByTestId('login-result')).toBeVisible()
  await expect(page.getByTestId('login-userinfo')).toContainText('"sub":"jane"')
  await expect(page.getByTestId('login-id-token-badge')).toHaveText('verified')
  expect(await page.content()).not.toContain(client.client_secret!)
  expect(await axeViolations(page)).toEqual([])
  await shot(page, '22-test-login-result')

  // The raw text went to the store's userinfo slice, which the Claims step's tester reads.
  await expect(page.getByRole('complementary').getByText('from the test login')).toBeVisible()
  await page.getByTestId('login-to-claims').click()
  await expect(page.getByTestId('step-claims')).toBeVisible()
  await shot(page, '23-claims-after-login')
})

test('a wrong secret is diagnosed with the provider’s words', async ({ page, app }) => {
  await toCredentials(page, app.web.launchUrl, 'wrong-secret-123')
  await page.getByTestId('login-start').click()
  await expect.poll(() => app.opened.length).toBe(1)
  await completeLogin(app.opened[0]!)
  const diag = page.getByTestId('login-diagnosis')
  await expect(diag).toBeVisible()
  await expect(diag).toContainText('invalid_client')
  await expect(page.getByTestId('login-error-details')).toContainText(/client_secret_(basic|post), client_secret_(post|basic)/)
  expect(await axeViolations(page)).toEqual([])
  await shot(page, '24-test-login-invalid-client')
})

test('cancel while waiting', async ({ page, app }) => {
  await toCredentials(page, app.web.launchUrl, client.client_secret!)
  await page.getByTestId('login-start').click()
  await expect(page.getByTestId('login-progress')).toBeVisible()
  await page.getByTestId('login-cancel').click()
  await expect(page.getByTestId('login-cancelled')).toBeVisible()
  await expect(page.getByTestId('login-start')).toBeEnabled()
})
