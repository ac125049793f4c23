import { Box, Code, Flex, Heading, Text } from '@radix-ui/themes'
import { useState } from 'react'
import { isLoginPortText, LOGIN_PORT_MESSAGE, loginRedirectUri, panelRedirectUri } from '../../../../shared/login'
import { useWizard } from '../../store'
import { CopyButton } from '../CopyButton'
import { TextInput } from '../TextInput'

function asPort(v: string): number | null {
  return isLoginPortText(v) ? Number(v) : null
}

/**
 * The panel's redirect URL as far as it is known: in full once the panel named the
 * provider's uuid (after a push, or a review that found it), its prefix once the panel's
 * address is known, and in words before that.
 */
export function PanelRedirect() {
  const appUrl = useWizard((s) => s.lastPush?.app_url ?? s.check?.app_url ?? s.plan?.app_url ?? null)
  const uuid = useWizard((s) => s.lastPush?.uuid ?? s.plan?.uuid ?? null)
  if (appUrl && uuid) {
    const url = panelRedirectUri(appUrl, uuid)
    return (
      <Box>
        <Flex gap="2" align="center">
          <Code size="2" data-testid="panel-redirect-uri" style={{ wordBreak: 'break-all' }}>
            {url}
          </Code>
          <CopyButton text={url} testId="copy-panel-redirect" label="Copy the panel’s redirect URL" />
        </Flex>
      </Box>
    )
  }
  if (appUrl) {
    return (
      <Box>
        <Code size="2" data-testid="panel-redirect-uri" style={{ wordBreak: 'break-all' }}>
          {panelRedirectUri(appUrl, '')}
        </Code>
        <Text as="p" size="1" color="gray">
          followed by the id the panel gives this provider when it is created. Push it (last step) and the assistant shows the whole URL to
          copy.
        </Text>
      </Box>
    )
  }
  return (
    <Text as="p" size="2" data-testid="panel-redirect-uri">
      Your panel’s address, then <Code>/api/auth/oauth/</Code>, then the id the panel gives this provider when it is created. Connect to the
      panel and push it (last step): the assistant then shows the exact URL to copy.
    </Text>
  )
}

/** The redirect URIs to register at the provider: the panel's, and the test login's (with its port). */
export function RedirectUris({ testOnly = false }: { testOnly?: boolean }) {
  const port = useWizard((s) => s.loginPort)
  const setPort = useWizard((s) => s.setLoginPort)
  const [portText, setPortText] = useState(String(port))
  const typed = asPort(portText)
  const testUri = loginRedirectUri(typed ?? port)

  return (
    <Flex direction="column" gap="2" data-testid="redirect-uris">
      {testOnly ? null : (
        <>
          <Heading as="h3" size="3">
            Redirect URIs to register at the provider
          </Heading>
          <Box>
            <Text as="p" size="2" weight="medium">
              For the panel
            </Text>
            <PanelRedirect />
          </Box>
        </>
      )}
      <Box>
        <Text as="p" size="2" weight="medium">
          {testOnly ? 'Redirect URI of the test login (register it at the provider)' : 'For the assistant’s test login'}
        </Text>
        <Flex gap="2" align="center">
          <Code size="2" data-testid="test-redirect-uri">
            {testUri}
          </Code>
          <CopyButton text={testUri} testId="copy-test-redirect" label="Copy the test login’s redirect URI" />
        </Flex>
      </Box>
      {testOnly ? null : (
        <Box maxWidth="16rem">
          <TextInput
            id="login_port"
            label="Test login port"
            monospace
            value={portText}
            onChange={(v) => {
              setPortText(v)
              setPort(asPort(v))
            }}
            description="Change it only if the port is taken; then register the new URI."
            problems={typed !== null ? [] : [{ field: 'login_port', severity: 'error', message: LOGIN_PORT_MESSAGE }]}
          />
        </Box>
      )}
    </Flex>
  )
}
