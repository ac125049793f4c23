import { Checkbox, Flex, Text } from '@radix-ui/themes'
import { useWizard } from '../../store'

/** Opt-in: the draft's mappings in the JSON export, under our own `mappings` key (the panel's import ignores it). */
export function ExportMappingsOption() {
  const mappings = useWizard((s) => s.mappings)
  const on = useWizard((s) => s.exportWithMappings)
  const set = useWizard((s) => s.setExportWithMappings)
  if (mappings === null || mappings.length === 0) return null
  return (
    <Text as="label" size="2">
      <Flex gap="2" align="center">
        <Checkbox checked={on} onCheckedChange={(v) => set(v === true)} data-testid="export-with-mappings" />
        Include the {mappings.length} mapping{mappings.length === 1 ? '' : 's'} in the JSON (the panel’s Import ignores them)
      </Flex>
    </Text>
  )
}
