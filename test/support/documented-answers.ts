import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One answer as a route gave it: the operation (path as the document writes it) and what came back. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Checks answers against the schema an OpenAPI document gives their operation and status: what does
 * not match, in words, or undefined. An answer whose status its operation does not list is a mismatch,
 * and so is a JSON answer with no schema. Answers that are not JSON are not looked into.
 */
export function answerChecker(served: unknown): (answer: Answer) => string | undefined {
  const document = served as Json; // /openapi.json as the gateway serves it
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The document's components under an id of their own, so the schemas' $refs resolve.
  ajv.addSchema({ $id: 'urn:openapi:document', components: document.components });
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (schema: Json, key: string) => {
    let validate = validators.get(key);
    if (!validate) {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"urn:openapi:document#/components/');
      validate = ajv.compile(JSON.parse(text));
      validators.set(key, validate);
    }
    return validate;
  };
  return ({ method, path, status, contentType, body }) => {
    const operation = document.paths[path]?.[method.toLowerCase()];
    if (!operation) return 'an operation not in the document';
    const documented = operation.responses?.[String(status)];
    if (!documented) return 'status not in the document';
    if (!contentType.startsWith('application/json')) return undefined;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) return 'a JSON answer the document gives no schema';
    const validate = validatorOf(schema, `${method} ${path} ${status}`);
    return validate(body) ? undefined : ajv.errorsText(validate.errors);
  };
}

/**
 * An openapi-fetch middleware that checks every JSON answer against the schema the OpenAPI document gives
 * its operation and status (answerChecker), and keeps what did not match (the typed client is only as true
 * as the document).
 */
export function documentedAnswers(served: unknown): {
  middleware: Middleware;
  mismatches: string[];
  checked: string[];
} {
  const check = answerChecker(served);
  const mismatches: string[] = [];
  const checked: string[] = [];
  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const call = `${request.method} ${schemaPath} ${response.status}`;
      const contentType = response.headers.get('content-type') ?? '';
      const json = contentType.startsWith('application/json');
      const problem = check({
        method: request.method,
        path: schemaPath,
        status: response.status,
        contentType,
        body: json ? await response.clone().json() : undefined,
      });
      // A call the document does not have (the compile-time refusals) is not this check's business.
      if (problem === 'an operation not in the document') return;
      if (problem) mismatches.push(`${call}: ${problem}`);
      else if (json) checked.push(call);
    },
  };
  return { middleware, mismatches, checked };
}
