import { Box, Button, Checkbox, Flex, Heading, Text } from '@radix-ui/themes'
import { useState } from 'react'
import { useWizard } from '../store'
import { ExportMappingsOption } from './mappings/ExportMappingsOption'

/**
 * Export as a preset file, byte for byte what the panel's own Export writes; never the
 * client id or secret. The host decides how it is saved (a native dialog in the desktop
 * app, a download in browser mode): this component only says what happened.
 *
 * The panel's Import creates the provider at once, with client ID and secret `example`
 * and `enabled` from the file (docs/panel-behaviour.md#preset-import): an enabled file
 * puts a login button with dummy credentials on the panel's login page. So the file is
 * written disabled unless the admin unticks the box, and the reason is shown beside it.
 */
export function ExportPreset() {
  const exportPreset = useWizard((s) => s.exportPreset)
  const status = useWizard((s) => s.exportStatus)
  const enabled = useWizard((s) => s.config.enabled)
  const [importDisabled, setImportDisabled] = useState(true)
  const busy = status.state === 'working'
  const run = (format: 'yaml' | 'json'): void => void exportPreset(format, { importDisabled })
  return (
    <Box data-testid="export-preset">
      <Heading as="h3" size="3" mb="1">
        Save as a preset file
      </Heading>
      <Text as="p" size="2" color="gray" mb="2">
        The panel’s Import button reads it (Admin → OAuth Providers → Import). It never contains the client ID or secret.
      </Text>
      <Text as="label" size="2" mb="2" style={{ display: 'block' }}>
        <Flex gap="2" align="start">
          <Checkbox checked={importDisabled} onCheckedChange={(v) => setImportDisabled(v === true)} data-testid="export-import-disabled" />
          <span>
            Write <code>enabled: false</code>
            {enabled ? ' (the draft says true)' : ''}. The panel’s Import creates the provider at once, with client ID and secret{' '}
            <code>example</code>: an enabled file puts a login button that cannot work on the panel’s login page until you enter the real
            credentials.
          </span>
        </Flex>
      </Text>
      <Flex gap="2" align="center" wrap="wrap">
        <Button variant="soft" onClick={() => run('yaml')} disabled={busy} data-testid="export-yaml">
          Export YAML
        </Button>
        <Button variant="soft" onClick={() => run('json')} disabled={busy} data-testid="export-json">
          Export JSON
        </Button>
        <ExportMappingsOption />
        <Text size="2" color={status.state === 'error' ? 'red' : 'gray'} role="status" data-testid="export-status">
          {status.message ?? ''}
        </Text>
      </Flex>
    </Box>
  )
}
