import { Badge, Box, Card, DataList, Heading, Text } from '@radix-ui/themes'
import { useWizard } from '../store'

const USERINFO_ORIGIN = {
  login: 'from the test login',
  paste: 'pasted',
  file: 'from a file',
  unknown: 'saved with the draft'
} as const

/** The draft at a glance, on every step. */
export function DraftSummary() {
  const c = useWizard((s) => s.config)
  const userinfo = useWizard((s) => s.userinfo)
  const host = (() => {
    try {
      return c.auth_url ? new URL(c.auth_url).host : '—'
    } catch {
      return c.auth_url
    }
  })()
  const v = (x: string | null): string => (x === null || x === '' ? '—' : x)
  return (
    <Card asChild>
      <aside aria-label="Draft summary" data-testid="draft-summary">
        <Heading as="h2" size="3" mb="2">
          {c.name || 'New provider'}
        </Heading>
        <DataList.Root size="1" orientation="vertical">
          <DataList.Item>
            <DataList.Label>Provider host</DataList.Label>
            <DataList.Value>{host}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Scopes</DataList.Label>
            <DataList.Value>{c.scopes.join(' ') || '—'}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Identifier / e-mail / username</DataList.Label>
            <DataList.Value>
              <Text style={{ fontFamily: 'var(--code-font-family)' }}>
                {v(c.identifier_path)} · {v(c.email_path)} · {v(c.username_path)}
              </Text>
            </DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Client ID</DataList.Label>
            <DataList.Value>{v(c.client_id)}</DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Switches</DataList.Label>
            <DataList.Value>
              <Box>
                {c.enabled ? <Badge color="green">enabled</Badge> : <Badge color="gray">disabled</Badge>}{' '}
                {c.login_only ? <Badge color="amber">login only</Badge> : null} {c.basic_auth ? <Badge>basic auth</Badge> : null}
              </Box>
            </DataList.Value>
          </DataList.Item>
          <DataList.Item>
            <DataList.Label>Userinfo sample</DataList.Label>
            <DataList.Value>{userinfo ? USERINFO_ORIGIN[userinfo.source] : 'none yet'}</DataList.Value>
          </DataList.Item>
        </DataList.Root>
      </aside>
    </Card>
  )
}
