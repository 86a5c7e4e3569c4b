import { isSortableSessionField } from './session.repository.js';

describe('session sort whitelist', () => {
  it('knows the sortable KPIs and the start time', () => {
    expect(isSortableSessionField('startedAt')).toBe(true);
    expect(isSortableSessionField('revenue')).toBe(true);
  });

  it('never takes an inherited property for a sort expression', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(isSortableSessionField(name)).toBe(false);
  });
});
