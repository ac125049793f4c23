import { Box, Callout, Checkbox, Flex, Text, TextArea, TextField } from '@radix-ui/themes'
import type { Output } from '../../../../shared/api'
import type { Mapping } from '../../../../shared/mappings'
import { FieldLabel, SELECT_STYLE } from './form-controls'

type PickItem = Output<'mappings:pick'>['items'][number]
type PermissionGroups = Output<'mappings:permissions'>['groups']

export interface MappingTargetEditorProps {
  index: number
  mapping: Mapping
  roles: PickItem[]
  servers: PickItem[]
  permissionGroups: PermissionGroups
  onChange: (m: Mapping) => void
}

/** What a mapping grants: a role, or subuser access to a server with permissions. Pickers when a panel is connected. */
export function MappingTargetEditor({ index, mapping, roles, servers, permissionGroups, onChange }: MappingTargetEditorProps) {
  const id = `m${index}-target`
  const items = mapping.type === 'role' ? roles : servers
  const uuidKey = mapping.type === 'role' ? 'role_uuid' : 'server_uuid'
  const uuid = mapping.type === 'role' ? mapping.role_uuid : mapping.server_uuid
  const known = items.find((x) => x.uuid === uuid.toLowerCase())
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2" align="end" wrap="wrap">
        <Box>
          <FieldLabel htmlFor={`${id}-kind`}>Then</FieldLabel>
          <select
            id={`${id}-kind`}
            data-testid={`${id}-kind`}
            value={mapping.type}
            style={SELECT_STYLE}
            onChange={(e) =>
              onChange(
                e.target.value === 'role'
                  ? { type: 'role', role_uuid: '', revoke_unmatched: mapping.revoke_unmatched ?? false }
                  : {
                      type: 'server_subuser',
                      server_uuid: '',
                      permissions: [],
                      ignored_files: [],
                      revoke_unmatched: mapping.revoke_unmatched ?? false
                    }
              )
            }
          >
            <option value="role">set the user’s role</option>
            <option value="server_subuser">make the user a subuser of a server</option>
          </select>
        </Box>
        <Box flexGrow="1" minWidth="16rem">
          <FieldLabel htmlFor={`${id}-uuid`}>
            {mapping.type === 'role' ? 'Role' : 'Server'} uuid{items.length ? ' (pick or type)' : ' (no panel connected: type it)'}
          </FieldLabel>
          <TextField.Root
            id={`${id}-uuid`}
            data-testid={`${id}-uuid`}
            list={items.length ? `${id}-options` : undefined}
            value={uuid}
            spellCheck={false}
            autoComplete="off"
            style={{ fontFamily: 'var(--code-font-family)' }}
            onChange={(e) => onChange({ ...mapping, [uuidKey]: e.target.value } as Mapping)}
          />
          {items.length ? (
            <datalist id={`${id}-options`}>
              {items.map((x) => (
                <option key={x.uuid} value={x.uuid}>
                  {x.name}
                  {x.detail ? ` (${x.detail})` : ''}
                </option>
              ))}
            </datalist>
          ) : null}
          {items.length && uuid ? (
            <Text size="1" color={known ? 'gray' : 'amber'} data-testid={`${id}-known`}>
              {known ? known.name : `The panel has no ${mapping.type === 'role' ? 'role' : 'server'} with this uuid.`}
            </Text>
          ) : null}
        </Box>
      </Flex>
      {mapping.type === 'server_subuser' ? (
        <Flex direction="column" gap="2">
          <Box>
            <FieldLabel htmlFor={`${id}-perms`}>Permissions, separated by spaces (`group.key`, e.g. control.console files.read)</FieldLabel>
            <TextField.Root
              id={`${id}-perms`}
              data-testid={`${id}-perms`}
              value={mapping.permissions.join(' ')}
              spellCheck={false}
              autoComplete="off"
              style={{ fontFamily: 'var(--code-font-family)' }}
              onChange={(e) => onChange({ ...mapping, permissions: e.target.value.split(' ').filter((s) => s !== '') })}
            />
          </Box>
          {permissionGroups.length ? (
            <details>
              <summary>
                <Text size="1">Choose from the panel’s server permissions</Text>
              </summary>
              <Flex direction="column" gap="1" mt="1">
                {permissionGroups.map((g) => (
                  <fieldset key={g.group} style={{ border: 'none', margin: 0, padding: 0 }}>
                    <legend>
                      <Text size="1" weight="bold">
                        {g.group}
                      </Text>
                    </legend>
                    <Flex gap="3" wrap="wrap">
                      {g.permissions.map((perm) => {
                        const full = `${g.group}.${perm.key}`
                        const on = mapping.permissions.includes(full)
                        return (
                          <Text as="label" size="1" key={full} title={perm.description}>
                            <Flex gap="1" align="center">
                              <Checkbox
                                size="1"
                                checked={on}
                                data-testid={`${id}-perm-${full}`}
                                onCheckedChange={(v) =>
                                  onChange({
                                    ...mapping,
                                    permissions: v ? [...mapping.permissions, full] : mapping.permissions.filter((x) => x !== full)
                                  })
                                }
                              />
                              {perm.key}
                            </Flex>
                          </Text>
                        )
                      })}
                    </Flex>
                  </fieldset>
                ))}
              </Flex>
            </details>
          ) : null}
          <Box>
            <FieldLabel htmlFor={`${id}-ignored`}>
              Ignored files, one per line (hidden from the subuser; the panel does not check them)
            </FieldLabel>
            <TextArea
              id={`${id}-ignored`}
              data-testid={`${id}-ignored`}
              rows={2}
              defaultValue={mapping.ignored_files.join('\n')}
              onChange={(e) => onChange({ ...mapping, ignored_files: e.target.value.split('\n').filter((s) => s !== '') })}
            />
          </Box>
        </Flex>
      ) : null}
      <Text as="label" size="2">
        <Flex gap="2" align="center">
          <Checkbox
            data-testid={`${id}-revoke`}
            checked={mapping.revoke_unmatched ?? false}
            onCheckedChange={(v) => onChange({ ...mapping, revoke_unmatched: v === true })}
          />
          Revoke when it does not match (revoke_unmatched)
        </Flex>
      </Text>
      {mapping.revoke_unmatched ? (
        <Callout.Root size="1" color="amber">
          <Callout.Text>
            {mapping.type === 'role'
              ? 'At every login where this does not match, the panel clears this role from a user who has it, even if an admin gave it by hand.'
              : 'At every login where this does not match, the panel deletes the user’s subuser access to this server, even access someone gave by hand.'}
          </Callout.Text>
        </Callout.Root>
      ) : null}
    </Flex>
  )
}
