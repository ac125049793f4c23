import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { axeViolations, expect, shot, test } from './app-fixture'

const ROOT = resolve(import.meta.dirname, '..', '..')
const POCKET = readFileSync(join(ROOT, 'presets', 'pocket-id.yml'), 'utf8')

test('start from the Pocket-ID preset, fill the host, export: the file is the expected text', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await expect(page.getByTestId('start-panel')).toBeVisible()
  await page.getByLabel('Search presets').fill('pocket')
  await expect(page.getByTestId('preset-list').getByRole('button')).toHaveCount(1)
  await page.getByTestId('preset-pocket-id').click()
  await page.getByLabel(/Pocket-ID host/).fill('https://id.acme.test/')
  await shot(page, '00a-start-from-preset')
  expect(await axeViolations(page)).toEqual([])
  await page.getByTestId('preset-start').click()
  await expect(page.getByLabel('Provider address')).toHaveValue('https://id.acme.test/.well-known/openid-configuration')
  await expect(page.getByTestId('draft-summary')).toContainText('id.acme.test')

  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('export-preset')).toBeVisible()
  // The panel's Import creates the provider at once with dummy credentials: the file is
  // written disabled unless the admin says otherwise, and the reason is shown.
  await expect(page.getByTestId('export-preset')).toContainText('creates the provider at once')
  await expect(page.getByTestId('export-import-disabled')).toBeChecked()
  const download = page.waitForEvent('download')
  await page.getByTestId('export-yaml').click()
  const file = await download
  expect(file.suggestedFilename()).toBe('pocket-id.yml')
  const text = readFileSync(await file.path(), 'utf8')
  expect(text).toBe(POCKET.replaceAll('id.example.com', 'id.acme.test').replace('enabled: true', 'enabled: false'))
  await expect(page.getByTestId('export-status')).toHaveText('Downloaded pocket-id.yml.')
  await shot(page, '06c-finish-export')

  // Unticked: the draft's own enabled, the panel's export byte for byte.
  await page.getByTestId('export-import-disabled').click()
  const enabled = page.waitForEvent('download')
  await page.getByTestId('export-yaml').click()
  expect(readFileSync(await (await enabled).path(), 'utf8')).toBe(POCKET.replaceAll('id.example.com', 'id.acme.test'))

  const json = page.waitForEvent('download')
  await page.getByTestId('export-json').click()
  const jsonText = readFileSync(await (await json).path(), 'utf8')
  expect(JSON.parse(jsonText)).toMatchObject({ name: 'Pocket-ID', auth_url: 'https://id.acme.test/authorize' })
  expect(jsonText).not.toContain('client_')
})

test('every change is autosaved; after a reload the draft is listed and resumes where it was', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByTestId('preset-keycloak').click()
  await page.getByLabel(/Keycloak host/).fill('sso.acme.test')
  await page.getByLabel(/^Realm/).fill('staff')
  await page.getByTestId('preset-start').click()
  await expect(page.getByLabel(/^Auth URL/)).toHaveValue('https://sso.acme.test/realms/staff/protocol/openid-connect/auth')
  await page.getByLabel(/^Name/).fill('Staff SSO')
  await page.getByTestId('nav-scopes').click()
  await expect(page.getByTestId('autosave-status')).toContainText('Draft saved')
  // On disk: the last change (the name and the step) has been written.
  await expect
    .poll(() =>
      readdirSync(join(app.dataDir, 'drafts'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(app.dataDir, 'drafts', f), 'utf8')))
    )
    .toEqual([expect.objectContaining({ step: 'scopes', config: expect.objectContaining({ name: 'Staff SSO' }) })])

  // A restart resumes the interrupted setup on its step.
  await page.reload()
  await expect(page.getByTestId('step-scopes')).toBeVisible()
  await page.getByTestId('nav-discover').click()
  await expect(page.getByTestId('draft-resumed')).toContainText('Resumed “Staff SSO”')
  const list = page.getByTestId('draft-list')
  await expect(list).toContainText('Staff SSO')
  await expect(list).toContainText('sso.acme.test')
  await shot(page, '00b-start-drafts')
  expect(await axeViolations(page)).toEqual([])
  await expect(page.getByLabel(/^Name/)).toHaveValue('Staff SSO')
  await expect(page.getByLabel(/^Auth URL/)).toHaveValue('https://sso.acme.test/realms/staff/protocol/openid-connect/auth')

  // Open from the list after starting something else.
  await page.getByTestId('start-blank').click()
  await expect(page.getByLabel(/^Name/)).toHaveValue('')
  await list.getByRole('button', { name: 'Open Staff SSO' }).click()
  // (The draft was last on the first step: going back to it there was autosaved too.)
  await expect(page.getByTestId('step-discover')).toBeVisible()
  await expect(page.getByLabel(/^Name/)).toHaveValue('Staff SSO')

  // Duplicate, rename, delete.
  await list.getByRole('button', { name: 'Duplicate Staff SSO' }).click()
  await expect(list).toContainText('Staff SSO (copy)')
  await list.getByRole('button', { name: 'Rename Staff SSO (copy)' }).click()
  await page.getByLabel('New name').fill('Staging SSO')
  await page.getByLabel('New name').press('Enter')
  await expect(list).toContainText('Staging SSO')
  await list.getByRole('button', { name: 'Delete Staging SSO' }).click()
  await list.getByRole('button', { name: 'Really delete?' }).click()
  await expect(list).not.toContainText('Staging SSO')
  await expect(list.getByRole('listitem')).toHaveCount(1)
})

test('a failed import changes nothing and names the line; a good one starts a new draft', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByLabel(/^Name/).fill('My work in progress')
  await page.getByTestId('import-input').setInputFiles({
    name: 'broken.yml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(POCKET.replace('enabled: true', "enabled: 'yes'"))
  })
  const result = page.getByTestId('import-result')
  await expect(result).toContainText('broken.yml was not imported')
  await expect(result).toContainText('Error: "enabled" (line 15) must be true or false')
  await expect(page.getByLabel(/^Name/)).toHaveValue('My work in progress')
  await shot(page, '00c-import-refused')
  expect(await axeViolations(page)).toEqual([])

  const secret = POCKET.replace('basic_auth: false', "basic_auth: false\nclient_secret: 'leaked-value'")
  await page.getByTestId('import-input').setInputFiles({ name: 'shared.yml', mimeType: 'application/yaml', buffer: Buffer.from(secret) })
  await expect(result).toContainText('Imported shared.yml')
  await expect(result).toContainText('contains a client secret')
  await expect(page.getByLabel(/^Name/)).toHaveValue('Pocket-ID')
  await expect(page.getByTestId('draft-list')).toContainText('My work in progress')
})

test('drag and drop a preset file onto the window imports it', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  const text = readFileSync(join(ROOT, 'presets', 'gitea.yml'), 'utf8')
  // A string script: the test project's types have no DOM (the page has).
  await page.evaluate(`(() => {
    const dt = new DataTransfer()
    dt.items.add(new File([${JSON.stringify(text)}], 'gitea.yml', { type: 'application/yaml' }))
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }))
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
  })()`)
  await expect(page.getByTestId('import-result')).toContainText('Imported gitea.yml')
  await expect(page.getByLabel(/^Name/)).toHaveValue('Gitea')
})

test('a corrupt draft file is set aside with a message, never overwritten', async ({ page, app }) => {
  mkdirSync(join(app.dataDir, 'drafts'), { recursive: true })
  writeFileSync(join(app.dataDir, 'drafts', 'abcdef0123456789.json'), '{"version": 1, "id": "abc')
  await page.goto(app.web.launchUrl)
  await expect(page.getByTestId('draft-set-aside')).toContainText('could not be read')
  await shot(page, '00d-draft-set-aside')
})
