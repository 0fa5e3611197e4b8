/**
 * How an extract's files are sealed: each with a random key of the extract's own, that key sealed
 * as a system secret (re-sealed by `keys rotate`, see ops/key-rotation.ts, so a retired master
 * leaves every extract readable). The AADs bind a file to its extract and format.
 */
export const extractKeyAad = (id: string) => `study_extracts.key:${id}`
export const extractFileAad = (id: string, format: string) => `study_extracts.${format}:${id}`
