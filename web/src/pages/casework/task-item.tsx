import { Anchor, Badge, Button, Checkbox, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconPencil } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TaskView } from '../../api/types'
import { useFormat } from '../../i18n/format'

/** One task: a "done" checkbox, its due date and, when late, an orange warning with an icon. */
export function TaskItem({
  task,
  onToggle,
  busy,
  showCase,
  assignee,
  onEdit,
  client,
}: {
  task: TaskView
  onToggle: (done: boolean) => void
  busy: boolean
  showCase?: boolean
  /** The assignee's name, when it is worth showing. */
  assignee?: string
  /** Opens the task's edit dialog (on the case's tab, for those who may change it). */
  onEdit?: () => void
  /** The case's client beside its code (My day), masked by the privacy screen. */
  client?: ReactNode
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const overdue = task.overdue && task.status === 'open'
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      p="xs"
      className={overdue ? 'task-overdue' : undefined}
      data-testid="task"
    >
      <Checkbox
        mt={2}
        checked={task.status === 'done'}
        disabled={busy}
        onChange={(e) => onToggle(e.currentTarget.checked)}
        aria-label={t('tasks.markDone', { title: task.title })}
      />
      <Stack gap={2} style={{ flex: 1 }}>
        <Text fw={500} td={task.status === 'done' ? 'line-through' : undefined}>
          {task.title}
        </Text>
        <Group gap="xs" wrap="wrap">
          {overdue ? (
            <Badge color="orange.9" variant="filled" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
              {t('tasks.overdue')}
            </Badge>
          ) : null}
          <Text size="sm" c="gray.7">
            {task.dueTime
              ? t('tasks.dueOnAt', { date: fmt.date(task.dueDate), time: task.dueTime })
              : t('tasks.dueOn', { date: fmt.date(task.dueDate) })}
          </Text>
          {assignee ? (
            <Text size="sm" c="gray.7">
              · {t('tasks.assignedTo', { name: assignee })}
            </Text>
          ) : null}
          {showCase ? (
            <Anchor component={Link} to={`/accompaniments/${task.accompanimentId}?tab=tasks`} size="sm" className="mono">
              {task.accompanimentCode}
            </Anchor>
          ) : null}
          {client ? <Text size="sm">{client}</Text> : null}
        </Group>
      </Stack>
      {onEdit ? (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPencil size={14} aria-hidden />}
          onClick={onEdit}
          aria-label={t('tasks.editOne', { title: task.title })}
          data-testid="task-edit"
        >
          {t('common.edit')}
        </Button>
      ) : null}
    </Group>
  )
}
