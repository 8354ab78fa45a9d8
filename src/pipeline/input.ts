import { schemas } from '../schema/registry.js';
import type { Step } from './exchange.js';
import type { InputLocation, InputPolicy } from './vendor-module.js';

/**
 * Checks an operation's input against its schema, the one way for every vendor and transport:
 * the vendor's policy normalises it first and names the error a failure answers with. Query
 * and path values arrive as strings and are coerced; JSON bodies are checked strictly.
 */
export function checkedInput(policy: InputPolicy, schemaId: string, value: unknown, location: InputLocation): unknown {
  const prepared = policy.prepare ? policy.prepare(value) : value;
  const registry = schemas();
  const result = location === 'query' ? registry.validateCoercing(schemaId, prepared as Record<string, unknown>) : registry.validate(schemaId, prepared);
  if (!result.ok) throw policy.reject(result.issues, location);
  return prepared;
}

/**
 * The input step every vendor ends its admission with: a body operation's parsed body, or a
 * query operation's query and path parameters, checked against the operation's schema. A body
 * operation with path parameters (`request` and `query`) gets both, each checked by its schema,
 * in one input. An operation whose rule checks its own input in the vendor's order
 * (`inputCheckedBy: 'rule'`) gets the values unchecked.
 */
export function inputStep<M>(policy: InputPolicy): Step<M> {
  return (exchange) => {
    const op = exchange.op!;
    if (op.request) {
      const body = checkedInput(policy, op.request, policy.parseBody(exchange), 'body');
      exchange.input = op.query ? withPathParameters(policy, op.query, body, exchange.params) : body;
    } else if (op.query) {
      const value = { ...exchange.query?.(), ...exchange.params };
      exchange.input = op.inputCheckedBy === 'rule' ? value : checkedInput(policy, op.query, value, 'query');
    }
  };
}

/**
 * A body operation's input with its path parameters: the body (already checked) and the path
 * parameters checked against the path schema, the path winning over a body field of the same name.
 */
export function withPathParameters(policy: InputPolicy, schemaId: string, body: unknown, params: Readonly<Record<string, string>>): unknown {
  const path = checkedInput(policy, schemaId, { ...params }, 'query') as Record<string, unknown>;
  return { ...(body as Record<string, unknown>), ...path };
}
