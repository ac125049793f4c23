import { Badge, Box, Button, Callout, Code, Flex, Heading, Spinner, Text } from '@radix-ui/themes'
import { ErrorCallout } from '../components/ErrorCallout'
import { TextInput } from '../components/TextInput'
import { useRuleProblems } from '../hooks/useRuleProblems'
import { useWizard } from '../store'

const SEVERITY_COLOR = { error: 'red', warning: 'amber', info: 'blue' } as const

/** Step 1: find the provider's endpoints from its discovery document, and name the provider. */
export function DiscoverStep() {
  const url = useWizard((s) => s.discoveryUrl)
  const setUrl = useWizard((s) => s.setDiscoveryUrl)
  const status = useWizard((s) => s.discoveryStatus)
  const result = useWizard((s) => s.discovery)
  const error = useWizard((s) => s.discoveryError)
  const run = useWizard((s) => s.runDiscovery)
  const cancelRun = useWizard((s) => s.cancelDiscovery)
  const config = useWizard((s) => s.config)
  const setField = useWizard((s) => s.setField)
  const problems = useRuleProblems()
  const running = status === 'running'

  return (
    <Flex direction="column" gap="4">
      <Box>
        <Heading as="h2" size="5">
          Discover your provider
        </Heading>
        <Text as="p" size="2" color="gray">
          Type your provider’s address. The assistant reads its /.well-known/openid-configuration and fills in the three URLs the panel
          needs.
        </Text>
      </Box>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!running) void run()
        }}
      >
        <Flex gap="2" align="end">
          <Box flexGrow="1">
            <TextInput
              id="discovery-url"
              label="Provider address"
              description="A host (id.example.com), an issuer URL (https://kc.example.com/realms/main) or the full well-known URL."
              value={url}
              onChange={setUrl}
              placeholder="id.example.com"
              monospace
            />
          </Box>
          {running ? (
            // Distinct keys: reusing one <button> would turn it into the submit button during
            // the click, and the browser would then submit the form again.
            <Button key="cancel" type="button" variant="soft" color="gray" onClick={cancelRun} data-testid="discover-cancel">
              <Spinner /> Cancel
            </Button>
          ) : (
            <Button key="run" type="submit" data-testid="discover-run" disabled={url.trim() === ''}>
              Discover
            </Button>
          )}
        </Flex>
      </form>
      {running ? (
        <Text size="2" color="gray" role="status" data-testid="discover-progress">
          Fetching the discovery document…
        </Text>
      ) : null}
      {status === 'cancelled' ? (
        <Text size="2" color="gray" role="status">
          Discovery cancelled. Nothing was changed.
        </Text>
      ) : null}
      {error ? <ErrorCallout error={error} testId="discover-error" /> : null}
      {error?.code === 'net.plain-http' && !running ? (
        <Box>
          <Button
            type="button"
            variant="soft"
            data-testid="discover-use-http"
            onClick={() => {
              setUrl(`http://${url.trim().replace(/^https?:\/\//i, '')}`)
              void run()
            }}
          >
            Use http://{url.trim().replace(/^https?:\/\//i, '')}
          </Button>
        </Box>
      ) : null}

      {result ? (
        <Flex direction="column" gap="3" data-testid="discover-result">
          <Text size="2">
            Found {result.kind === 'oidc' ? 'an OpenID Connect' : 'an OAuth 2.0 (RFC 8414)'} document for issuer{' '}
            <Code>{result.issuer}</Code>.
          </Text>
          {result.findings.map((f, i) => (
            <Callout.Root key={i} color={SEVERITY_COLOR[f.severity]} size="1" data-testid={`finding-${f.code}`}>
              <Callout.Text>
                <Text weight="bold">{f.message}</Text>
                {f.hint ? <> {f.hint}</> : null}
              </Callout.Text>
            </Callout.Root>
          ))}
          <SupportedList label="Scopes the provider supports" items={result.scopes_supported} testId="scopes-supported" />
          <SupportedList label="Claims the provider can return" items={result.claims_supported} testId="claims-supported" />
        </Flex>
      ) : null}

      <Heading as="h3" size="3">
        OAuth URLs
      </Heading>
      <TextInput
        id="auth_url"
        label="Auth URL"
        required
        monospace
        value={config.auth_url}
        onChange={(v) => setField('auth_url', v)}
        problems={problems.auth_url}
        description="The authorization_endpoint: where the panel sends users to log in."
      />
      <TextInput
        id="token_url"
        label="Token URL"
        required
        monospace
        value={config.token_url}
        onChange={(v) => setField('token_url', v)}
        problems={problems.token_url}
        description="The token_endpoint: where the panel exchanges the login code for a token."
      />
      <TextInput
        id="info_url"
        label="Info URL"
        required
        monospace
        value={config.info_url}
        onChange={(v) => setField('info_url', v)}
        problems={problems.info_url}
        description="The userinfo_endpoint: the panel reads every user attribute from its answer."
      />

      <Heading as="h3" size="3">
        General information
      </Heading>
      <TextInput
        id="name"
        label="Name"
        required
        value={config.name}
        onChange={(v) => setField('name', v)}
        problems={problems.name}
        description="Users see this name on the panel’s login page and in their account’s OAuth links: a product name (“Keycloak”, “Company login”) reads better than a host."
      />
      <TextInput
        id="description"
        label="Description"
        value={config.description ?? ''}
        onChange={(v) => setField('description', v === '' ? null : v)}
        problems={problems.description}
        description="Optional, for admins only. Empty means none."
      />
    </Flex>
  )
}

function SupportedList({ label, items, testId }: { label: string; items: string[] | null; testId: string }) {
  return (
    <Box data-testid={testId}>
      <Text as="p" size="2" weight="medium">
        {label}
      </Text>
      {items ? (
        <Flex gap="1" wrap="wrap" mt="1">
          {items.map((s) => (
            <Badge key={s} variant="soft" color="gray">
              {s}
            </Badge>
          ))}
        </Flex>
      ) : (
        <Text size="1" color="gray">
          Not published by the provider.
        </Text>
      )}
    </Box>
  )
}
