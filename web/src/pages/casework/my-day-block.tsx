import { Box, Group, Paper, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/**
 * A card of My day, named by its title. The icon stays beside the title's first line when a long
 * title takes two ("Te vernieuwen partnerschapscharters" on a phone), instead of a line of its own.
 */
export function MyDayBlock({ id, title, icon, children }: { id: string; title: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id}>
      <Group gap="xs" mb="sm" wrap="nowrap" align="flex-start">
        {icon ? (
          <Box pt={3} style={{ flex: 'none', display: 'flex' }}>
            {icon}
          </Box>
        ) : null}
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  )
}
