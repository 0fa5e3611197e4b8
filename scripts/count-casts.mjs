#!/usr/bin/env node
// Counts type assertions (`x as T`, `<T>x`, and non-null `x!`) in non-test server and common code,
// `as const` excepted: the figure the typed-rows work is meant to bring down. Prints per file with
// --files, and the total.
import fs from 'node:fs'
import { execSync } from 'node:child_process'
import ts from 'typescript'

const files = execSync("git ls-files 'server/*.ts' 'common/*.ts'", { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !/\.test\.ts$/.test(f) && !f.startsWith('server/test/'))
let total = 0
const per = []
for (const file of files) {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  let n = 0
  const visit = (node) => {
    if (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(src) === 'const')) n++
    if (ts.isTypeAssertionExpression?.(node)) n++
    ts.forEachChild(node, visit)
  }
  visit(src)
  total += n
  if (n) per.push([n, file])
}
if (process.argv.includes('--files')) for (const [n, f] of per.sort((a, b) => b[0] - a[0])) console.log(String(n).padStart(4), f)
console.log(`${total} type assertions in ${files.length} non-test files of server/ and common/`)
