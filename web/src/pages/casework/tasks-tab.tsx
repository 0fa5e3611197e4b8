import { Paper, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView, TaskView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { TaskEditDialog } from './task-edit-dialog'
import { TaskForm } from './task-form'
import { TaskItem } from './task-item'
import { useTaskStatus, useTasks } from './use-casework'

function AddTask({ a, meId }: { a: AccompanimentView; meId: string | undefined }) {
  const { t } = useTranslation()
  return (
    <Paper component="section" aria-labelledby="task-add-title" withBorder p="md">
      <Title order={3} size="h5" id="task-add-title" mb="sm">
        {t('tasks.add')}
      </Title>
      <TaskForm a={a} task={null} meId={meId} />
    </Paper>
  )
}

export function TasksTab({ a, canWrite, meId }: { a: AccompanimentView; canWrite: boolean; meId: string | undefined }) {
  const { t } = useTranslation()
  const tasks = useTasks(a.id)
  const status = useTaskStatus()
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const names = new Map(a.workers.map((w) => [w.userId, w.name]))
  const [editing, setEditing] = useState<TaskView | null>(null)
  return (
    <Stack gap="md">
      <ErrorAlert error={tasks.error ?? status.error} />
      {tasks.isPending ? (
        <Loading />
      ) : tasks.data?.items.length ? (
        <Stack component="ul" gap="xs" className="plain-list" data-testid="tasks">
          {tasks.data.items.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              assignee={names.get(task.assigneeId)}
              busy={!writable || (status.isPending && status.variables.task.id === task.id)}
              onToggle={(done) => status.mutate({ task, done })}
              onEdit={
                writable && task.status === 'open'
                  ? () => {
                      setEditing(task)
                    }
                  : undefined
              }
            />
          ))}
        </Stack>
      ) : (
        <Text c="gray.7">{t('tasks.empty')}</Text>
      )}
      {writable ? <AddTask a={a} meId={meId} /> : null}
      {editing ? (
        <TaskEditDialog
          a={a}
          task={editing}
          onClose={() => {
            setEditing(null)
          }}
        />
      ) : null}
    </Stack>
  )
}
