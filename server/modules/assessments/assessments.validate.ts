import type { FieldError } from '../../../common/contracts/problem.contracts'
import {
  type AnswerValue,
  type Answers,
  type InstrumentDefinition,
  type InstrumentItem,
  SCALE_DEFAULT,
  TEXT_MAX,
} from '../../../common/contracts/instruments.contracts'
import { AppError } from '../../http/errors'

function checkValue(item: InstrumentItem, value: AnswerValue): { code: string; message: string } | null {
  switch (item.type) {
    case 'scale': {
      const min = item.min ?? SCALE_DEFAULT.min
      const max = item.max ?? SCALE_DEFAULT.max
      if (typeof value !== 'number' || !Number.isInteger(value)) return { code: 'not_integer', message: 'A whole number is expected' }
      return value < min || value > max ? { code: 'out_of_range', message: `Expected between ${min} and ${max}` } : null
    }
    case 'choice':
      if (typeof value !== 'string' || !item.options?.some((o) => o.key === value))
        return { code: 'unknown_option', message: 'Not one of the options' }
      return null
    case 'multi':
      if (!Array.isArray(value) || value.some((v) => !item.options?.some((o) => o.key === v)))
        return { code: 'unknown_option', message: 'Not a subset of the options' }
      return new Set(value).size === value.length ? null : { code: 'duplicate_option', message: 'An option is chosen twice' }
    case 'text':
      if (typeof value !== 'string') return { code: 'not_text', message: 'A text is expected' }
      return value.length > TEXT_MAX ? { code: 'too_long', message: `At most ${TEXT_MAX} characters` } : null
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
        return { code: 'invalid_date', message: 'An ISO date (yyyy-mm-dd) is expected' }
      return new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? null : { code: 'invalid_date', message: 'No such date' }
  }
}

/**
 * Answers checked against the definition of the version they are given in, every error named
 * `answers.<item>.<perspective>`. Returns the answers without empty values: a partial set is fine.
 */
export function checkAnswers(definition: InstrumentDefinition, answers: Answers): Answers {
  const items = new Map(definition.sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)))
  const errors: FieldError[] = []
  const clean: Answers = {}
  for (const [key, answer] of Object.entries(answers)) {
    const item = items.get(key)
    if (!item) {
      errors.push({ field: `answers.${key}`, code: 'unknown_item', message: 'Not an item of this instrument version' })
      continue
    }
    const kept: Answers[string] = {}
    for (const perspective of ['worker', 'person'] as const) {
      const raw = answer[perspective]
      const value = typeof raw === 'string' ? raw.trim() : raw
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue
      const field = `answers.${key}.${perspective}`
      if (!item.perspectives.includes(perspective)) {
        errors.push({ field, code: 'perspective_not_allowed', message: 'This item is not answered from this perspective' })
        continue
      }
      const problem = checkValue(item, value)
      if (problem) errors.push({ field, ...problem })
      else kept[perspective] = value
    }
    const comment = answer.comment?.trim()
    if (comment) {
      if (!item.comment)
        errors.push({ field: `answers.${key}.comment`, code: 'comment_not_allowed', message: 'This item takes no comment' })
      else kept.comment = comment
    }
    if (Object.keys(kept).length) clean[key] = kept
  }
  if (errors.length) throw new AppError('validation.failed', errors.slice(0, 50))
  return clean
}
