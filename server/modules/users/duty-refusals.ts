import { AuditDraft, type RequestContext } from '../../http/context'
import { AppError } from '../../http/errors'

const DUTY_CODES = new Set(['access.self_change', 'access.second_person_required'])

/**
 * Runs a write; when the separation-of-duties rules refuse it (one's own access, or a request
 * one made oneself), the write rolls back and the attempt is recorded as a denial on its own,
 * so that the DPO sees who tried.
 */
export async function recordingDutyRefusals<T>(
  ctx: RequestContext,
  route: string,
  subject: { type: string; id: string; details?: Record<string, unknown> },
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof AppError && DUTY_CODES.has(e.code)) {
      const draft = new AuditDraft()
        .subject(subject.type, subject.id)
        .detail({ route, reason: e.code, ...subject.details })
        .outcomeOf('denied')
      await ctx.recordDenial(draft)
    }
    throw e
  }
}
