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
 * query operation's query and path parameters, checked against the operation's schema. An
 * operation whose rule checks its own input in the vendor's order (`inputCheckedBy: 'rule'`)
 * gets the values unchecked.
 */
export function inputStep<M>(policy: InputPolicy): Step<M> {
  return (exchange) => {
    const op = exchange.op!;
    if (op.request) {
      exchange.input = checkedInput(policy, op.request, policy.parseBody(exchange), 'body');
    } else if (op.query) {
      const value = { ...exchange.query?.(), ...exchange.params };
      exchange.input = op.inputCheckedBy === 'rule' ? value : checkedInput(policy, op.query, value, 'query');
    }
  };
}
