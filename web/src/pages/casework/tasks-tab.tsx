import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { IconPlus } from '@tabler/icons-react'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { AccompanimentView, TaskInput, TaskView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { focusFirstError } from '../../components/focus-error'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { TaskEditDialog } from './task-edit-dialog'
import { TaskItem } from './task-item'
import { useTaskStatus, useTasks } from './use-casework'
import { DateField, TimeField } from '../../components/date-field'

function AddTask({ a, meId }: { a: AccompanimentView; meId: string | undefined }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [title, setTitle] = useState('')
  const [dueDate, setDueDate] = useState('')
  const [dueTime, setDueTime] = useState('')
  const [assigneeId, setAssigneeId] = useState<string | null>(a.workers.some((w) => w.userId === meId) ? (meId ?? null) : null)
  const [local, setLocal] = useState<{ field: string; code: string }[]>([])
  const form = useRef<HTMLFormElement>(null)
  const add = useMutation({
    mutationFn: (body: TaskInput) => api.post('/api/accompaniments/{id}/tasks', { path: { id: a.id }, body }),
    onSuccess: async () => {
      setTitle('')
      setDueDate('')
      setDueTime('')
      await client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'tasks'] })
      await client.invalidateQueries({ queryKey: ['my-day'] })
    },
  })
  const errors = useFieldErrors(add.error, local)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues = [
      ...(title.trim() ? [] : [{ field: 'title', code: 'required' }]),
      ...(dueDate ? [] : [{ field: 'dueDate', code: 'required' }]),
    ]
    setLocal(issues)
    if (issues.length) {
      focusFirstError(form.current)
      return
    }
    add.mutate({ title, dueDate, dueTime: dueTime || null, assigneeId })
  }
  return (
    <Paper component="section" aria-labelledby="task-add-title" withBorder p="md">
      <Title order={3} size="h5" id="task-add-title" mb="sm">
        {t('tasks.add')}
      </Title>
      <form onSubmit={submit} noValidate ref={form}>
        <Stack gap="sm">
          <ErrorAlert error={add.error && !errors.any ? add.error : null} />
          <TextInput
            label={t('tasks.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.of('title')}
          />
          <Group grow align="flex-start">
            <DateField label={t('tasks.dueDate')} required value={dueDate} onChange={(v) => setDueDate(v)} error={errors.of('dueDate')} />
            <TimeField
              label={t('tasks.dueTime')}
              description={t('tasks.dueTimeHelp')}
              value={dueTime}
              onChange={(v) => setDueTime(v)}
              error={errors.of('dueTime')}
              clearable
            />
            <Select
              label={t('tasks.assignee')}
              placeholder={t('tasks.assigneeMe')}
              data={a.workers.map((w) => ({ value: w.userId, label: w.name }))}
              value={assigneeId}
              onChange={setAssigneeId}
              clearable
              error={errors.of('assigneeId')}
            />
          </Group>
          <Group>
            <Button type="submit" leftSection={<IconPlus size={18} aria-hidden />} loading={add.isPending}>
              {t('tasks.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
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
