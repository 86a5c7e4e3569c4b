import type { FieldNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { SESSION_KPIS } from '../kpi.catalog';
import { SESSION_QUERY } from './sessions.query';

function field(set: SelectionSetNode | undefined, name: string): FieldNode | undefined {
  return set?.selections.find((s): s is FieldNode => s.kind === 'Field' && s.name.value === name);
}

describe('SESSION_QUERY', () => {
  it('selects exactly the KPIs the page has cards for', () => {
    const op = SESSION_QUERY.definitions[0] as OperationDefinitionNode;
    const metrics = field(field(op.selectionSet, 'session')?.selectionSet, 'metrics');
    const selected = metrics?.selectionSet?.selections.map((s) => (s.kind === 'Field' ? s.name.value : '?')) ?? [];
    expect([...selected].sort()).toEqual(Object.keys(SESSION_KPIS).sort());
  });
});
