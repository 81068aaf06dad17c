import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { HttpRequest, HttpResponse } from '../../../src/ports';
import { readOpenApiSpec } from '../../support/openapi-specs';

/**
 * Checks requests and responses against the published Confluence v2 OpenAPI document
 * (shared/openapi/confluence-v2.json): path templates, query parameters, request bodies and
 * 2xx response bodies, each with the spec's own schema.
 */

const API_PREFIX = '/wiki/api/v2';
const SPEC_ID = 'confluence-v2';

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { type?: string; items?: { type?: string }; $ref?: string };
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { $ref?: string };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

type Spec = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export interface Violation {
  where: string;
  problems: string[];
}

export class ConfluenceContract {
  readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    this.spec = readOpenApiSpec<Spec>('confluence-v2');
    // Spec quirk: page write bodies are `oneOf [PageBodyWrite, PageNestedBodyWrite]`, two all-optional
    // objects, so every body matches both and `oneOf` can never pass. `anyOf` keeps both shapes;
    // the contract test separately pins the client to the flat storage shape.
    for (const name of ['PageCreateRequest', 'PageUpdateRequest']) {
      type Body = { oneOf?: unknown; anyOf?: unknown };
      const requestBodies = this.spec.components.requestBodies as Record<string, { content: Record<string, { schema: { properties: { body: Body } } }> }>;
      const body = requestBodies[name]!.content['application/json']!.schema.properties.body;
      body.anyOf = body.oneOf;
      delete body.oneOf;
    }
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('string', true); // PageUpdateRequest uses `format: string`
    this.ajv.addSchema({ $id: SPEC_ID, components: this.spec.components, paths: this.spec.paths });
  }

  /** A validator for any schema in the document, by JSON pointer parts. */
  schema(...parts: string[]): ValidateFunction {
    const ref = `${SPEC_ID}#/${pointer(...parts)}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  component(name: string): ValidateFunction {
    return this.schema('components', 'schemas', name);
  }

  operation(method: string, path: string): { template: string; op: Operation; pathParams: Record<string, string> } {
    const [pathname] = path.split('?');
    if (!pathname!.startsWith(`${API_PREFIX}/`)) throw new Error(`${path} is not under ${API_PREFIX}`);
    const local = pathname!.slice(API_PREFIX.length);
    for (const [template, ops] of Object.entries(this.spec.paths)) {
      const names: string[] = [];
      const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
      const match = pattern.exec(local);
      const op = ops[method.toLowerCase()];
      if (match && op) {
        return { template, op, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
      }
    }
    throw new Error(`${method} ${local} is not an operation of the Confluence v2 API`);
  }

  /** Problems with a request: unknown operation, undeclared or invalid parameters, body not per schema. */
  checkRequest(request: HttpRequest): string[] {
    const problems: string[] = [];
    let found: ReturnType<ConfluenceContract['operation']>;
    try {
      found = this.operation(request.method, request.path);
    } catch (error) {
      return [(error as Error).message];
    }
    const { template, op, pathParams } = found;
    const method = request.method.toLowerCase();
    const params = op.parameters ?? [];
    const check = (where: 'path' | 'query', name: string, raw: string) => {
      const index = params.findIndex((p) => p.in === where && p.name === name);
      if (index < 0) return problems.push(`${where} parameter "${name}" is not declared for ${op.operationId}`);
      const declared = params[index]!.schema ?? {};
      const value = coerce(declared, raw);
      const validate = this.schema('paths', template, method, 'parameters', String(index), 'schema');
      if (!validate(value)) problems.push(`${where} parameter "${name}"=${raw}: ${describe(validate.errors)}`);
      return undefined;
    };
    for (const [name, raw] of Object.entries(pathParams)) check('path', name, raw);
    const search = new URLSearchParams(request.path.split('?')[1] ?? '');
    for (const [name, raw] of search) check('query', name, raw);

    if (op.requestBody?.$ref) {
      const name = op.requestBody.$ref.split('/').pop()!;
      const validate = this.schema('components', 'requestBodies', name, 'content', 'application/json', 'schema');
      if (!validate(request.body)) problems.push(`body of ${op.operationId}: ${describe(validate.errors)}`);
    } else if (request.body !== undefined) {
      problems.push(`${op.operationId} takes no body`);
    }
    return problems;
  }

  /** Problems with a response: an undeclared status, or a JSON body that breaks the schema. */
  checkResponse(request: HttpRequest, response: HttpResponse): string[] {
    const { template, op } = this.operation(request.method, request.path);
    const status = String(response.status);
    if (response.status >= 400) return checkErrorBody(response);
    const declared = op.responses[status];
    if (!declared) return [`${op.operationId} does not declare status ${status}`];
    if (!declared.content || !declared.content['application/json']) {
      return response.body === undefined ? [] : [`${op.operationId} ${status} declares no body but got one`];
    }
    if (!(response.headers['content-type'] ?? '').includes('application/json')) return [`${op.operationId} ${status}: not JSON`];
    const validate = this.schema('paths', template, request.method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema');
    return validate(response.body) ? [] : [`${op.operationId} ${status}: ${describe(validate.errors)}`];
  }

  check(calls: Array<{ request: HttpRequest; response: HttpResponse }>): Violation[] {
    return calls
      .map(({ request, response }) => ({
        where: `${request.method} ${request.path} -> ${response.status}`,
        problems: [...this.checkRequest(request), ...this.checkResponse(request, response)],
      }))
      .filter((v) => v.problems.length > 0);
  }
}

/** The spec declares error statuses without a body schema; this is Confluence v2's shape. */
function checkErrorBody(response: HttpResponse): string[] {
  const body = response.body as { errors?: Array<{ status?: unknown; code?: unknown; title?: unknown }> } | undefined;
  const first = body?.errors?.[0];
  if (!first || first.status !== response.status || typeof first.code !== 'string' || typeof first.title !== 'string') {
    return [`error ${response.status} is not shaped {errors:[{status,code,title,detail}]}: ${JSON.stringify(response.body)}`];
  }
  return [];
}

function coerce(schema: Parameter['schema'] & object, raw: string): unknown {
  const scalar = (type: string | undefined, value: string): unknown =>
    type === 'integer' || type === 'number' ? (value.trim() === '' ? value : Number(value)) : type === 'boolean' ? (value === 'true' ? true : value === 'false' ? false : value) : value;
  if (schema.type === 'array') return raw.split(',').map((v) => scalar(schema.items?.type, v));
  return scalar(schema.type, raw);
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}
