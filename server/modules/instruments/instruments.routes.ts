import {
  ClientKindsInput,
  InstrumentList,
  InstrumentParams,
  InstrumentVersionParams,
  InstrumentVersionView,
  NewInstrumentInput,
  NewVersionInput,
  InstrumentView,
} from '../../../common/contracts/instruments.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { addVersion, createInstrument, setClientKinds } from './instruments.commands'
import { findInstrument, findVersion, listInstruments } from './instruments.queries'

/** Definitions are not personal data: reads are not audited, changes are (admin actions). */
export const instrumentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/instruments',
    summary: 'Instruments, each with its latest version and the list of its versions',
    tags: ['instruments'],
    response: InstrumentList,
    allow: 'instrument.read',
    async handler({ ctx }) {
      return { items: await ctx.unaudited((db) => listInstruments(db)) }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/instruments/:code/versions/:version',
    summary: 'One version of an instrument, with its definition',
    tags: ['instruments'],
    params: InstrumentVersionParams,
    response: InstrumentVersionView,
    allow: 'instrument.read',
    async handler({ params, ctx }) {
      const found = await ctx.unaudited((db) => findVersion(db, params.code, params.version))
      if (!found) throw fail('resource.not_found')
      return found
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/instruments',
    summary: 'A new instrument with its first version',
    tags: ['instruments'],
    body: NewInstrumentInput,
    response: InstrumentVersionView,
    status: 201,
    allow: 'instrument.manage',
    async handler({ body, ctx }) {
      return ctx.write('instrument.created', async (trx, audit) => {
        const { version } = await createInstrument(
          trx,
          body.code,
          body.definition,
          body.purpose,
          body.clientKinds,
          ctx.user.userId,
          ctx.now(),
        )
        audit.subject('instrument', body.code).detail({ version, purpose: body.purpose, clientKinds: body.clientKinds })
        const view = await findVersion(trx, body.code, version)
        if (!view) throw fail('resource.not_found')
        return view
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/instruments/:code/versions',
    summary: 'A new version of an instrument; earlier versions and their answer sets stay as they are',
    tags: ['instruments'],
    params: InstrumentParams,
    body: NewVersionInput,
    response: InstrumentVersionView,
    status: 201,
    allow: 'instrument.manage',
    async handler({ params, body, ctx }) {
      return ctx.write('instrument.version_created', async (trx, audit) => {
        const { version } = await addVersion(trx, params.code, body.definition, ctx.user.userId, ctx.now())
        audit.subject('instrument', params.code).detail({ version })
        const view = await findVersion(trx, params.code, version)
        if (!view) throw fail('resource.not_found')
        return view
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/instruments/:code/client-kinds',
    summary: "The kinds of case (concerned, relative, professional) an instrument is offered on (If-Match: the instrument's version)",
    tags: ['instruments'],
    params: InstrumentParams,
    body: ClientKindsInput,
    response: InstrumentView,
    allow: 'instrument.manage',
    async handler({ params, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      return ctx.write('instrument.client_kinds_changed', async (trx, audit) => {
        const { before, after, version } = await setClientKinds(trx, params.code, expected, body.clientKinds)
        audit.subject('instrument', params.code).detail({ before, after, version })
        const view = await findInstrument(trx, params.code)
        if (!view) throw fail('resource.not_found')
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
