/**
 * The code of one sandbox process, run as `node -e`: it then runs unchanged under Node, ts-node and jest
 * (a `.ts` file would need a loader in each). It needs only jsonata, whose resolved path it gets in its
 * environment with its limits. Each IPC message is one evaluation under jsonata's own time and depth
 * limits; the pool enforces the wall-clock deadline from outside, and V8's heap limit (the process's
 * `--max-old-space-size`) the memory: when an evaluation exceeds it, V8 aborts this process alone.
 */
export const EXPRESSION_PROCESS_SOURCE = String.raw`
const settings = JSON.parse(process.env.TENANT_SANDBOX_SETTINGS);
const jsonata = require(settings.jsonataPath);
// Nothing of the parent's environment stays reachable from here (jsonata cannot read it, but a sandbox
// holds no more than it needs).
delete process.env.TENANT_SANDBOX_SETTINGS;
// Tenant code gets the CPU the request path leaves over. On Linux a nice value belongs to a thread: the
// parent set the main thread's, this sets V8's garbage-collection and platform threads' too (threads
// started later inherit it). Raising one's nice value needs no privilege.
try {
  const os = require('node:os');
  for (const tid of require('node:fs').readdirSync('/proc/self/task')) os.setPriority(Number(tid), settings.niceness);
} catch {}
const compiled = new Map();
function compile(source) {
  let expression = compiled.get(source);
  if (!expression) {
    expression = jsonata(source, { timeout: settings.timeoutMs, stack: settings.maxDepth });
    compiled.set(source, expression);
    if (compiled.size > settings.maxCompiled) compiled.delete(compiled.keys().next().value);
  }
  return expression;
}
function failure(error, context) {
  const e = error || {};
  return { message: context + ': ' + String(e.message || e), position: e.position, code: e.code };
}
// The gateway went away (crashed or was killed): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
// The gateway ends its sandbox processes itself, when it closes. A Ctrl-C or a SIGTERM sent to the whole
// process group reaches them too: ended by it, they would be replaced in the middle of that close.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('message', async ({ id, source, input, bindings }) => {
  let value;
  try {
    value = await compile(source).evaluate(input, bindings);
  } catch (error) {
    process.send({ id, ok: false, error: failure(error, 'JSONata evaluation failed') });
    return;
  }
  try {
    process.send({ id, ok: true, value });
  } catch (error) {
    process.send({ id, ok: false, error: failure(error, 'the expression produced a value that is not data') });
  }
});
process.send({ ready: true });
`;
