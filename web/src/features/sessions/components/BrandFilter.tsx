import { navigate } from '../../../lib/router';
import type { Brand } from '../queries/session.types';

/** The filter lives in the URL (?brand=) so a filtered view can be shared and survives reload. */
export function BrandFilter({ brands, selected }: { brands: readonly Brand[]; selected: string | null }) {
  return (
    <label className="inline-field">
      <span className="field__label">Brand</span>
      <select
        className="select"
        data-testid="brand-filter"
        value={selected ?? ''}
        onChange={(e) => navigate(e.target.value ? `/?brand=${encodeURIComponent(e.target.value)}` : '/')}
      >
        <option value="">All brands</option>
        {brands.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
    </label>
  );
}
