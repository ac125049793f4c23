import { Box, Button, Flex, Heading, Text } from '@radix-ui/themes'
import { useWizard } from '../store'
import { ExportMappingsOption } from './mappings/ExportMappingsOption'

/**
 * Export as a preset file, byte for byte what the panel's own Export writes; never the
 * client id or secret. The host decides how it is saved (a native dialog in the desktop
 * app, a download in browser mode): this component only says what happened.
 */
export function ExportPreset() {
  const exportPreset = useWizard((s) => s.exportPreset)
  const status = useWizard((s) => s.exportStatus)
  const busy = status.state === 'working'
  return (
    <Box data-testid="export-preset">
      <Heading as="h3" size="3" mb="1">
        Save as a preset file
      </Heading>
      <Text as="p" size="2" color="gray" mb="2">
        The panel’s Import button reads it (Admin → OAuth Providers → Import). It never contains the client ID or secret.
      </Text>
      <Flex gap="2" align="center" wrap="wrap">
        <Button variant="soft" onClick={() => void exportPreset('yaml')} disabled={busy} data-testid="export-yaml">
          Export YAML
        </Button>
        <Button variant="soft" onClick={() => void exportPreset('json')} disabled={busy} data-testid="export-json">
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
