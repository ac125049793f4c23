import { startIdp, type Idp } from '../support/oidc-idp'
import { axeViolations, expect, shot, test } from './app-fixture'

let idp: Idp
test.beforeAll(async () => {
  idp = await startIdp()
})
test.afterAll(async () => {
  await idp?.close()
})

test('discover a real provider, then walk every step by keyboard and mouse', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  // The launch URL's token was traded for a cookie and removed from the address bar.
  await expect(page).toHaveURL(`${app.web.origin}/`)
  await expect(page.getByRole('heading', { name: 'Discover your provider' })).toBeVisible()
  await shot(page, '01-discover-empty')

  await page.getByLabel('Provider address').fill(idp.issuer)
  await page.getByTestId('discover-run').click()
  await expect(page.getByTestId('discover-result')).toBeVisible()
  await expect(page.getByLabel('Auth URL')).toHaveValue(`${idp.issuer}/auth`)
  await expect(page.getByLabel('Token URL')).toHaveValue(`${idp.issuer}/token`)
  await expect(page.getByLabel('Info URL')).toHaveValue(`${idp.issuer}/me`)
  await expect(page.getByTestId('scopes-supported')).toContainText('openid')
  await expect(page.getByTestId('scopes-supported')).toContainText('email')
  await expect(page.getByTestId('claims-supported')).toContainText('sub')
  // No preset has this provider's shape: the name users will see is asked for, not made up from the host.
  await expect(page.getByLabel(/^Name/)).toHaveValue('')
  await expect(page.getByTestId('problem-name')).toBeVisible()
  await page.getByLabel(/^Name/).fill('Company login')
  expect(await axeViolations(page)).toEqual([])
  await shot(page, '02-discover-result')

  const steps = [
    ['claims', 'Claims'],
    ['scopes', 'Scopes'],
    ['credentials', 'Client credentials'],
    ['options', 'Options'],
    ['mappings', 'Mappings'],
    ['finish', 'Export or push']
  ] as const
  for (const [id, title] of steps) {
    await page.getByTestId('step-next').click()
    await expect(page.getByTestId(`step-${id}`)).toBeVisible()
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible()
    await shot(page, `0${steps.findIndex((s) => s[0] === id) + 3}-${id}`)
    expect(await axeViolations(page), `axe on ${title}`).toEqual([])
  }
})

test('a provider error is shown with the evidence the server sent', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  // The provider answers 404 for an unknown realm path on both well-known forms.
  await page.getByLabel('Provider address').fill(`${idp.issuer}/realms/missing`)
  await page.getByLabel('Provider address').press('Enter')
  const error = page.getByTestId('discover-error')
  await expect(error).toBeVisible()
  await expect(error).toContainText('No discovery document was found')
  await expect(error.getByTestId('evidence')).toContainText('404')
  // What the user typed is still there.
  await expect(page.getByLabel('Provider address')).toHaveValue(`${idp.issuer}/realms/missing`)
  expect(await axeViolations(page)).toEqual([])
  await shot(page, '02b-discover-error')
})

test('the scopes step suggests and flags scopes from the provider', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByLabel('Provider address').fill(idp.issuer)
  await page.getByTestId('discover-run').click()
  await expect(page.getByTestId('discover-result')).toBeVisible()
  await page.getByTestId('nav-scopes').click()
  // Removing `email` while the e-mail path reads $.email brings the suggestion back.
  await page.getByTestId('scope-email').click()
  await expect(page.getByTestId('scope-suggestion-email')).toBeVisible()
  await page.getByLabel('Another scope').fill('read:user')
  await page.getByTestId('scope-add').click()
  await expect(page.getByTestId('scope-unsupported-read:user')).toBeVisible()
  await expect(page.getByTestId('scope-string')).toContainText('openid profile read:user')
  await shot(page, '04b-scopes-suggestions')
  // 65 characters pass the panel's validation but not its varchar(64) column: 500 on save.
  const long = `https://graph.example.com/${'a'.repeat(39)}`
  await page.getByLabel('Another scope').fill(long)
  await page.getByTestId('scope-add').click()
  await expect(page.getByTestId(`scope-too-long-${long}`)).toBeVisible()
  await expect(page.locator('#scopes-problems')).toContainText('has 65 characters')
})

test('the browser-mode server refuses requests without the token or with a foreign Host', async ({ app, request }) => {
  const noToken = await request.post(`${app.web.origin}/rpc/app:info`, { data: {}, headers: { 'content-type': 'application/json' } })
  expect(noToken.status()).toBe(401)
  const foreignHost = await request.get(`${app.web.origin}/`, { headers: { host: `attacker.example:${app.web.port}` } })
  expect(foreignHost.status()).toBe(403)
  const withToken = await request.post(`${app.web.origin}/rpc/app:info`, {
    data: {},
    headers: { 'content-type': 'application/json', 'x-calagopus-token': app.web.token }
  })
  expect(withToken.status()).toBe(200)
  expect((await withToken.json()).data.mode).toBe('web')
})
