import { ProcessingRegister, RegisterSettings } from '../../../common/contracts/registers.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { processingRegister, updateRegisterSettings } from './processing-register'

/** The records of processing (art. 30): generated, completed by the DPO, printed or taken as JSON. */
export const processingRegisterRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/processing-register',
    summary:
      'DPO: the records of processing (GDPR art. 30) as JSON: purposes, categories of data (every sealed field placed) and of people, recipients (the partner directory), legal bases, retention, security measures, and what the DPO wrote',
    tags: ['registers'],
    response: ProcessingRegister,
    allow: 'processing_register.manage',
    async handler({ ctx, reply }) {
      const register = await ctx.read('processing_register.viewed', async (trx, audit) => {
        audit.subject('processing_register', 'register')
        return processingRegister(trx, ctx.now())
      })
      sendVersion(reply, register.version)
      return register
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/processing-register',
    summary:
      'DPO: what the software cannot know (controller, DPO contact, purposes in the service’s words, transfers, retention…) (If-Match)',
    tags: ['registers'],
    body: RegisterSettings,
    response: ProcessingRegister,
    allow: 'processing_register.manage',
    async handler({ ctx, body, request, reply }) {
      const expected = expectedVersion(request)
      const register = await ctx.write('processing_register.updated', async (trx, audit) => {
        audit.subject('processing_register', 'register').detail({ version: expected + 1 })
        await updateRegisterSettings(trx, expected, body, ctx.user.userId, ctx.now())
        return processingRegister(trx, ctx.now())
      })
      sendVersion(reply, register.version)
      return register
    },
  }),
]
