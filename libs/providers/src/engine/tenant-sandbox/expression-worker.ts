/**
 * The code of one sandbox worker thread, as a string run with `eval: true`: it then runs unchanged under
 * Node, ts-node and jest (a `.ts` worker file would need a loader in each). It needs only jsonata, whose
 * resolved path it gets in `workerData`. Each message is one evaluation under jsonata's own time and depth
 * limits; the pool enforces the wall-clock deadline and the memory limit from outside.
 */
export const EXPRESSION_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const jsonata = require(workerData.jsonataPath);
// Tenant code gets the CPU the request path leaves over: on Linux a thread is a task with its own nice
// value, and raising it needs no privilege. Elsewhere the thread keeps the default priority.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) require('node:os').setPriority(tid, workerData.niceness);
} catch {}
const compiled = new Map();
function compile(source) {
  let expression = compiled.get(source);
  if (!expression) {
    expression = jsonata(source, { timeout: workerData.timeoutMs, stack: workerData.maxDepth });
    compiled.set(source, expression);
    if (compiled.size > workerData.maxCompiled) compiled.delete(compiled.keys().next().value);
  }
  return expression;
}
function failure(error, context) {
  const e = error || {};
  return { message: context + ': ' + String(e.message || e), position: e.position, code: e.code };
}
parentPort.on('message', async ({ id, source, input, bindings }) => {
  let value;
  try {
    value = await compile(source).evaluate(input, bindings);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: failure(error, 'JSONata evaluation failed') });
    return;
  }
  try {
    parentPort.postMessage({ id, ok: true, value });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: failure(error, 'the expression produced a value that is not data') });
  }
});
`;
