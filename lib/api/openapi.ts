// The OpenAPI 3.1 document for API v1, generated from zod: request bodies, path and query parameters from the
// schemas the routes parse with (io "input": what a client sends), answers from ./response-schemas (io "output").
// OpenAPI 3.1 Schema Objects are JSON Schema 2020-12, which is what zod 4 writes.
import { z } from "zod";
import { operations, type Operation } from "./openapi-operations";
import * as responses from "./response-schemas";

type Schema = Record<string, unknown>;

const COMPONENT = "#/components/schemas/";

// Named answers become components, referred to from every operation (and from each other: Person in approvals).
const registry = z.registry<{ id: string }>();
const names = new Map<z.ZodType, string>();
for (const [name, schema] of Object.entries(responses)) {
  if (!(schema instanceof z.ZodType)) continue;
  registry.add(schema, { id: name });
  names.set(schema, name);
}

function componentSchemas(): Record<string, Schema> {
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io: "output", unrepresentable: "any", uri: (id) => `${COMPONENT}${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, withoutDialect(schema as Schema)]));
}

function withoutDialect(schema: Schema): Schema {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

const input = (schema: z.ZodType): Schema => withoutDialect(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Schema);

function answerSchema(schema: z.ZodType): Schema {
  const name = names.get(schema);
  if (name) return { $ref: `${COMPONENT}${name}` };
  return withoutDialect(z.toJSONSchema(schema, { target: "draft-2020-12", io: "output", unrepresentable: "any" }) as Schema);
}

function bodySchema(body: { schema: z.ZodType; omit?: string[]; require?: string[] }): Schema {
  const schema = input(body.schema);
  const properties = { ...(schema.properties as Record<string, Schema>) };
  for (const name of body.omit ?? []) delete properties[name];
  const required = [...((schema.required as string[] | undefined) ?? []), ...(body.require ?? [])].filter((name) => name in properties);
  const result: Schema = { ...schema, properties };
  delete result.required;
  if (required.length > 0) result.required = [...new Set(required)];
  return result;
}

function parameters(op: Operation): Schema[] {
  const path = Object.entries(op.pathParams ?? {}).map(([name, p]) => ({ name, in: "path", required: true, description: p.description, schema: input(p.schema) }));
  const query = op.query ? input(op.query) : { properties: {} };
  const required = new Set((query.required as string[] | undefined) ?? []);
  const fromQuery = Object.entries((query.properties as Record<string, Schema>) ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    schema,
  }));
  return [...path, ...fromQuery];
}

function requestBody(op: Operation): Schema | undefined {
  if (!op.body) return undefined;
  if ("csv" in op.body) {
    return {
      required: true,
      description: "The CSV file (header row; columns as on the /bulk page), at most 1 MB and 5,000 rows",
      content: { "text/csv": { schema: { type: "string" } } },
    };
  }
  // DELETEs carry a body too (reason, version): the contract's choice, so a removal is audited with its reason.
  return { required: true, content: { "application/json": { schema: bodySchema(op.body) } } };
}

const ERROR_REF = { $ref: `${COMPONENT}ErrorResponse` };

function answers(op: Operation): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [status, answer] of Object.entries(op.answers)) {
    const success = Number(status) < 400;
    const mediaType = answer.mediaType ?? "application/json";
    const schema = answer.schema ? answerSchema(answer.schema) : success ? { type: "string" } : ERROR_REF;
    const csv = answer.csvToo ? { "text/csv": { schema: { type: "string" } } } : {};
    out[status] = { description: answer.description, content: { [mediaType]: { schema }, ...csv } };
  }
  out.default = { description: "Any other failure, in the same error shape (a fault on our side is 500 server_error)", content: { "application/json": { schema: ERROR_REF } } };
  return out;
}

const operationId = (op: Operation) =>
  `${op.method}${op.path
    .replace("/api/v1", "")
    .split(/[/.]/)
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2, -1)}` : part.slice(0, 1).toUpperCase() + part.slice(1)))
    .join("")}`;

export function openApiDocument(): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const op of operations) {
    const params = parameters(op);
    const body = requestBody(op);
    (paths[op.path] ??= {})[op.method] = {
      operationId: operationId(op),
      summary: op.summary,
      description: `Who: ${op.who}.`,
      security: op.access === "public" ? [] : [{ session: [] }],
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: answers(op),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "RA console for CSMS access: API v1",
      version: "1",
      description: [
        "Errors are always `{ error: { code, message, fields?, warnings? } }`; bad input is a 400 that writes nothing, never a 500.",
        "A method a path does not list answers 405. Writes from another site (Origin or Sec-Fetch-Site) answer 403.",
        "Answers are never cached (Cache-Control: no-store).",
      ].join(" "),
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The session cookie from signing in to the console (credentials or OIDC); __Secure-next-auth.session-token over HTTPS",
        },
      },
    },
  };
}
