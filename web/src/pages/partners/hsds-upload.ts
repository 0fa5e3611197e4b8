import type { z } from 'zod'
import type { HsdsImportResult } from '../../../../common/contracts/partners.contracts'
import type { ErrorCode, FieldError } from '../../../../common/contracts/problem.contracts'
import { ApiError } from '../../api/client'

export type ImportResult = z.infer<typeof HsdsImportResult>
export type UploadPhase = { kind: 'sending'; percent: number } | { kind: 'importing' }

/**
 * Sends an HSDS file to the import. XMLHttpRequest rather than fetch: only it reports how much of
 * the body has gone, so the screen can show the upload's progress, then that the server is
 * checking and writing. A refusal comes back as the API client's error, with its field errors.
 */
export function uploadHsds(file: File, onPhase: (phase: UploadPhase) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/partners/hsds')
    xhr.setRequestHeader('Content-Type', 'application/json')
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('X-Parcours-Request', '1')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onPhase({ kind: 'sending', percent: Math.round((e.loaded / e.total) * 100) })
    }
    xhr.upload.onload = () => onPhase({ kind: 'importing' })
    xhr.onerror = () => reject(new ApiError(0, 'server.error'))
    xhr.onload = () => {
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportResult)
      const fallback: ErrorCode = xhr.status === 413 ? 'payload.too_large' : xhr.status === 403 ? 'access.forbidden' : 'server.error'
      const code = (typeof body.code === 'string' ? body.code : fallback) as ErrorCode
      const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : []
      reject(new ApiError(xhr.status, code, errors, typeof body.requestId === 'string' ? body.requestId : undefined))
    }
    onPhase({ kind: 'sending', percent: 0 })
    xhr.send(file)
  })
}

/** `2.services.0.minimum_age` → the record's index in the file (2) and the field inside it. */
export function splitField(field: string): { index: number | null; field: string } {
  const m = /^(\d+)\.?(.*)$/.exec(field)
  return m ? { index: Number(m[1]), field: m[2] || '' } : { index: null, field }
}
