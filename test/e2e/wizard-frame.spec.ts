import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, shot, test } from './app-fixture'

test('keyboard only: discover, fix a field, move between steps', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  const url = page.getByLabel('Provider address')
  await url.focus()
  await page.keyboard.type('not a url at all')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('discover-error')).toContainText('is not a web address')
  // Tab from the address field reaches the Discover button, then the step buttons work with Enter.
  await url.focus()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('discover-run')).toBeFocused()

  // Inline validation as you type: the panel's own rule for the name.
  const name = page.getByLabel(/^Name/)
  await name.focus()
  await page.keyboard.type('x')
  await page.keyboard.press('Backspace')
  await expect(page.getByTestId('problem-name')).toContainText('Name: must be at least 1 character long')
  await expect(page.getByTestId('nav-discover')).toContainText('!')
  await page.keyboard.type('Pocket-ID')
  await expect(page.getByTestId('problem-name')).toHaveCount(0)

  await page.getByTestId('nav-options').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('step-options')).toBeVisible()
  const loginOnly = page.getByTestId('switch-login_only')
  await loginOnly.focus()
  await page.keyboard.press('Space')
  await expect(page.getByText('nobody can register through this provider')).toBeVisible()
  await shot(page, '06b-options-login-only')
})

test('the theme follows the OS colour scheme', async ({ browser, app }) => {
  const context = await browser.newContext({ colorScheme: 'dark' })
  const page = await context.newPage()
  await page.goto(app.web.launchUrl)
  await expect(page.locator('.radix-themes').first()).toHaveClass(/dark/)
  await shot(page, '01b-discover-dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('.radix-themes').first()).toHaveClass(/light/)
  await context.close()
})

test('a provider that never answers can be cancelled, and nothing typed is lost', async ({ page, app }) => {
  const hanging: Server = createServer(() => {
    /* never answers */
  })
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r))
  const port = (hanging.address() as AddressInfo).port
  try {
    await page.goto(app.web.launchUrl)
    await page.getByLabel('Auth URL').fill('https://typed.example/authorize')
    await page.getByLabel('Provider address').fill(`http://127.0.0.1:${port}`)
    await page.getByTestId('discover-run').click()
    await expect(page.getByTestId('discover-progress')).toBeVisible()
    await shot(page, '01c-discover-progress')
    await page.getByTestId('discover-cancel').click()
    await expect(page.getByText('Discovery cancelled. Nothing was changed.')).toBeVisible()
    await expect(page.getByLabel('Auth URL')).toHaveValue('https://typed.example/authorize')
  } finally {
    hanging.closeAllConnections()
    await new Promise<void>((r) => hanging.close(() => r()))
  }
})

test('the drafts list is read once per load; step tabs do not scroll the page away', async ({ page, app }) => {
  const listCalls: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('drafts:list')) listCalls.push(r.url())
  })
  await page.goto(app.web.launchUrl)
  await expect(page.getByTestId('start-panel')).toBeVisible()
  await expect(page.getByTestId('preset-list')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(listCalls).toHaveLength(1)

  // From the top of the page, a tab shows its step below the tabs: nothing scrolls.
  await page.getByTestId('nav-discover').click()
  expect(await page.evaluate('window.scrollY')).toBe(0)
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('step-finish')).toBeVisible()
  expect(await page.evaluate('window.scrollY')).toBe(0)
  await expect(page.getByTestId('step-finish')).toBeFocused()
  // "Next" at the bottom of a long step brings the tabs back into view, not past them.
  await page.getByTestId('nav-claims').click()
  await page.getByTestId('step-next').scrollIntoViewIfNeeded()
  await page.getByTestId('step-next').click()
  await expect(page.getByTestId('step-scopes')).toBeVisible()
  await expect(page.getByTestId('nav-scopes')).toBeInViewport()
})
