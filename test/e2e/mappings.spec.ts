import type { Page } from '@playwright/test'
import { basicClient, startIdp, type Idp } from '../support/oidc-idp'
import { startPanelStandin, type PanelStandin } from '../support/panel-standin'
import { axeViolations, expect, fillProviderByHand, shot, test } from './app-fixture'

/**
 * The Mappings step: a nested mapping built by clicking (paths picked in the userinfo tree),
 * tested live on two userinfo samples side by side (it matches the admin, not the ordinary
 * user), pushed to the panel stand-in; a second push sends nothing.
 */

const ROLE = '6f1b2c3d-1111-2222-3333-444455556666'
let panel: PanelStandin
let idp: Idp
let uuid: string

test.beforeEach(async () => {
  panel = await startPanelStandin()
  panel.seedRole('Operators', ROLE)
  panel.seedServer('Minecraft')
  const existing = panel.seed({ name: 'Company IdP', client_id: 'basic-client', scopes: ['openid'], client_secret: 'kept-in-panel' })
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

async function addSample(page: Page, label: string, body: unknown): Promise<void> {
  await page.getByTestId('sample-label').fill(label)
  await page.getByTestId('sample-body').fill(JSON.stringify(body))
  await page.getByTestId('sample-add').click()
}

test('build a nested mapping by clicking, see it match one userinfo and not another, push it, push again: nothing sent', async ({
  page,
  app
}) => {
  await page.goto(app.web.launchUrl)
  await fillProviderByHand(page, idp)
  await page.getByTestId('nav-finish').click()
  await page.getByLabel(/^Panel address/).fill(panel.url)
  await page.getByLabel(/^Admin API key/).fill(panel.apiKey)
  await page.getByTestId('panel-check').click()
  await expect(page.getByTestId('panel-connected')).toContainText('Calagopus')

  await page.getByTestId('nav-mappings').click()
  await expect(page.getByTestId('mappings-unmanaged')).toBeVisible()
  await addSample(page, 'Admin', { sub: 'a-1', groups: ['ops', 'dev'] })
  await addSample(page, 'Ordinary user', { sub: 'u-2', groups: ['dev'] })

  // and( field_exists $.sub , or( field_equals $.groups[*] "ops" ) ), every path by a click.
  await page.getByTestId('add-role-mapping').click()
  await page.getByTestId('m0-nroot-type').selectOption('and')
  await page.getByTestId('m0-n0-type').selectOption('field_exists')
  await page.getByTestId('m0-n0-path').focus()
  await page.getByTestId('tree-value-$.sub').click()
  await expect(page.getByTestId('m0-n0-path')).toHaveValue('$.sub')
  await page.getByTestId('m0-nroot-add-or').click()
  await page.getByTestId('m0-n1-0-path').focus()
  await page.getByTestId('tree-value-$.groups[0]').click()
  await expect(page.getByTestId('m0-n1-0-path')).toHaveValue('$.groups[0]')
  await page.getByTestId('m0-n1-0-any-element').click()
  await expect(page.getByTestId('m0-n1-0-path')).toHaveValue('$.groups[*]')
  await page.getByTestId('m0-n1-0-value').fill('ops')
  // A fourth nested group is not offered (the panel allows three).
  await expect(page.getByTestId('m0-n1-add-and')).toBeEnabled()
  await page.getByTestId('m0-target-uuid').fill(ROLE)
  await expect(page.getByTestId('m0-target-known')).toHaveText('Operators')

  const results = page.getByTestId('mapping-0').getByTestId('mapping-result')
  await expect(results).toHaveCount(2)
  await expect(results.nth(0)).toHaveAttribute('data-matched', 'true')
  await expect(results.nth(1)).toHaveAttribute('data-matched', 'false')
  await expect(results.nth(1)).toContainText('test 2 of the `and` fails')
  await expect(page.getByTestId('outcome-0')).toContainText(`Role: Operators (${ROLE})`)
  await expect(page.getByTestId('outcome-1')).toContainText('Role: none')
  // A server the panel does not have: accepted by the panel, deleted by it a minute later.
  await page.getByTestId('add-server-mapping').click()
  await page.getByTestId('m1-nroot-path').fill('$.sub')
  await page.getByTestId('m1-target-uuid').fill('0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff')
  await page.getByTestId('m1-target-perms').fill('control.console')
  await expect(page.getByTestId('mapping-warnings')).toContainText('the panel has no server 0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff')
  await page.getByRole('button', { name: 'Remove mapping 2' }).click()
  // The warning goes with the mapping it was about (the live test re-runs after a short pause).
  await expect(page.getByTestId('mapping-warnings')).toHaveCount(0)
  await shot(page, '12-mappings')
  expect(await axeViolations(page)).toEqual([])
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await axeViolations(page)).toEqual([])
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByTestId('nav-finish').click()
  await page.getByTestId('panel-plan').click()
  await expect(page.getByTestId('mapping-plan')).toContainText('1 to create, 0 to update, 0 to delete, 0 unchanged')
  expect(panel.writes()).toHaveLength(0)
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-pushed-mappings')).toContainText('1 created')
  const stored = panel.mappingsOf(uuid)
  expect(stored.map((m) => ({ matcher: m.matcher, mapping: m.mapping }))).toEqual([
    {
      matcher: {
        type: 'and',
        matchers: [
          { type: 'field_exists', path: '$.sub' },
          { type: 'or', matchers: [{ type: 'field_equals', path: '$.groups[*]', equals: 'ops' }] }
        ]
      },
      mapping: { type: 'role', role_uuid: ROLE, revoke_unmatched: false }
    }
  ])

  // An edited mapping makes the push stale; undoing the edit makes it current again.
  await page.getByTestId('nav-mappings').click()
  await page.getByTestId('m0-n1-0-value').fill('ops2')
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('panel-push-stale')).toContainText('Mappings')
  await page.getByTestId('nav-mappings').click()
  await page.getByTestId('m0-n1-0-value').fill('ops')
  await page.getByTestId('nav-finish').click()
  await expect(page.getByTestId('panel-push-stale')).toHaveCount(0)

  const writes = panel.writes().length
  await page.getByTestId('panel-push-again').click()
  await expect(page.getByTestId('mapping-plan')).toContainText('0 to create, 0 to update, 0 to delete, 1 unchanged')
  await page.getByTestId('panel-confirm').click()
  await expect(page.getByTestId('panel-pushed-mappings')).toContainText('0 created, 0 updated, 0 deleted, 1')
  expect(panel.writes().length).toBe(writes)
})

test('the builder stops at the panel’s three nested groups', async ({ page, app }) => {
  await page.goto(app.web.launchUrl)
  await page.getByTestId('nav-mappings').click()
  await page.getByTestId('add-role-mapping').click()
  await page.getByTestId('m0-nroot-type').selectOption('and')
  await page.getByTestId('m0-nroot-add-or').click()
  await page.getByTestId('m0-n1-add-not').click()
  // and > or > not: the not's child may be a test, not a fourth group.
  await expect(page.getByTestId('m0-n1-1-0-type').locator('option[value="and"]')).toBeDisabled()
  await expect(page.getByTestId('m0-n1-add-and')).toBeEnabled()
})
