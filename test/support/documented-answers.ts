import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * An openapi-fetch middleware that checks every JSON answer against the schema the OpenAPI document gives
 * its operation and status, and keeps what did not match (the typed client is only as true as the
 * document). An answer whose status its operation does not list counts as a mismatch too.
 */
export function documentedAnswers(served: unknown): {
  middleware: Middleware;
  mismatches: string[];
  checked: string[];
} {
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
  const mismatches: string[] = [];
  const checked: string[] = [];
  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const call = `${request.method} ${schemaPath} ${response.status}`;
      const operation = document.paths[schemaPath]?.[method];
      if (!operation) return; // a call the document does not have (the compile-time refusals)
      const documented = operation.responses?.[String(response.status)];
      if (!documented) return void mismatches.push(`${call}: status not in the document`);
      if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return;
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) return void mismatches.push(`${call}: a JSON answer the document gives no schema`);
      const validate = validatorOf(schema, `${method} ${schemaPath} ${response.status}`);
      if (!validate(await response.clone().json()))
        mismatches.push(`${call}: ${ajv.errorsText(validate.errors)}`);
      checked.push(call);
    },
  };
  return { middleware, mismatches, checked };
}
