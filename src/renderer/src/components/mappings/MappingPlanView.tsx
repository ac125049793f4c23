import { Badge, Box, Code, Flex, Heading, Text } from '@radix-ui/themes'
import type { MappingCounts, MappingPlan } from '../../../../shared/schemas/mappings'

const OP_COLOR = { create: 'green', update: 'amber', delete: 'red', unchanged: 'gray' } as const
const OP_LABEL = { create: 'create', update: 'update', delete: 'delete', unchanged: 'unchanged' } as const

export function countsText(c: MappingCounts): string {
  return `${c.created} to create, ${c.updated} to update, ${c.deleted} to delete, ${c.unchanged} unchanged`
}

/** The mapping writes of a push, shown before the provider's field diff: they change who gets what at the next login. */
export function MappingPlanView({ plan }: { plan: MappingPlan }) {
  const writes = plan.ops.filter((o) => o.op !== 'unchanged')
  return (
    <Box data-testid="mapping-plan">
      <Heading as="h5" size="2">
        Mappings: {countsText(plan.counts)}
      </Heading>
      {writes.length ? (
        <Flex direction="column" gap="1" mt="1" asChild>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {writes.map((o, i) => (
              <li key={i} data-testid={`mapping-op-${o.op}`}>
                <Flex gap="2" align="start">
                  <Badge color={OP_COLOR[o.op]}>{OP_LABEL[o.op]}</Badge>
                  <Text size="1">
                    {o.index !== null ? `#${o.index + 1} ` : ''}
                    <Code size="1" variant="ghost" style={{ wordBreak: 'break-all' }}>
                      {JSON.stringify(o.op === 'update' ? o.body : o.op === 'delete' ? o.before : o.after)}
                    </Code>
                  </Text>
                </Flex>
              </li>
            ))}
          </ul>
        </Flex>
      ) : (
        <Text size="1" color="gray">
          The panel already has exactly these mappings.
        </Text>
      )}
    </Box>
  )
}
