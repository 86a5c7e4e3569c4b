import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { localDay } from '@lc/contract/common';
import type { BrandsQuery } from '../../gql/graphql';
import {
  globalParams,
  parseFilters,
  periodVariables,
  addDays,
  daysBetween,
  filterIssues,
  withQuery,
  writeFilters,
  type FilterIssue,
  type GlobalFilters,
  type PeriodVariables,
} from '../../lib/filters';
import { navigate, useLocation } from '../../lib/router';

export type Brand = BrandsQuery['brands'][number];

/** What every page reads: the brand in view, the period in the chosen zone, compare on/off. */
export interface Scope {
  readonly brands: readonly Brand[];
  readonly brand: Brand;
  /**
   * The brand the URL names, when it is one of the token's (a token of several brands names it in every
   * link): the brand a session page asks its session of — a session id names a session within its
   * brand. Null: the newest of the token's sessions of the id.
   */
  readonly namedBrandId: string | null;
  readonly filters: GlobalFilters;
  /** The zone days are cut in and times are shown in: the chosen one, else the brand's. */
  readonly zone: string;
  readonly period: PeriodVariables;
  /** The equal-length period just before, as the API compares against. */
  readonly previousPeriod: PeriodVariables;
  /** Params of the URL that were not honoured (unknown brand or zone, invalid period), shown to the reader. */
  readonly issues: readonly FilterIssue[];
  update(patch: Partial<GlobalFilters>): void;
  /** `path` with the global filters of the current URL, so moving between pages keeps the view. */
  link(path: string, extra?: Record<string, string>): string;
}

const ScopeContext = createContext<Scope | null>(null);

export function useScope(): Scope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useScope needs a <ScopeProvider>');
  return scope;
}

export function buildScope(
  brands: readonly Brand[],
  search: URLSearchParams,
  now: Date,
): Omit<Scope, 'update' | 'link'> {
  const requested = search.get('brand');
  const known = brands.find((b) => b.id === requested);
  const brand = known ?? brands[0];
  const issues: FilterIssue[] = requested && !known ? [{ kind: 'brand', value: requested }] : [];
  const filters = parseFilters(search, now, brand.timeZone);
  const zone = filters.timeZone ?? brand.timeZone;
  const length = daysBetween(filters.from, filters.to) + 1;
  const previous = { from: addDays(filters.from, -length), to: addDays(filters.from, -1) };
  return {
    brands,
    brand,
    namedBrandId: known?.id ?? null,
    filters: { ...filters, brandId: brand.id },
    zone,
    period: periodVariables(filters, zone),
    previousPeriod: periodVariables(previous, zone),
    issues: [...issues, ...filterIssues(search)],
  };
}

export function ScopeProvider({ brands, children }: { brands: readonly Brand[]; children: ReactNode }) {
  const { pathname, search } = useLocation();
  // Presets are relative to "now"; fixing it at load keeps the period still while the reader works.
  const [now] = useState(() => new Date());
  const searchKey = search.toString();
  const scope = useMemo((): Scope => {
    const params = new URLSearchParams(searchKey);
    const base = buildScope(brands, params, now);
    // A single-brand token needs no brand in its links; an agency token always names it.
    const explicitBrand = brands.length > 1;
    return {
      ...base,
      update(patch) {
        const next = { ...base.filters, ...patch };
        const written = writeFilters({ ...next, brandId: explicitBrand ? next.brandId : null }, params);
        navigate(withQuery(pathname, written));
      },
      link(path, extra = {}) {
        const params2 = globalParams(params);
        if (explicitBrand) params2.set('brand', base.brand.id);
        for (const [k, v] of Object.entries(extra)) params2.set(k, v);
        return withQuery(path, params2);
      },
    };
  }, [brands, searchKey, pathname, now]);
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

/**
 * A scope that cannot change: one brand and one period ([from, to) instants in `period.timeZone`),
 * for the share page. `update` does nothing and every link points back at `home`.
 */
export function FixedScopeProvider({
  brand,
  period,
  home,
  children,
}: {
  brand: Brand;
  period: PeriodVariables;
  home: string;
  children: ReactNode;
}) {
  const scope = useMemo((): Scope => {
    const from = localDay(new Date(period.from), period.timeZone);
    const to = localDay(new Date(Date.parse(period.to) - 1), period.timeZone);
    const length = daysBetween(from, to) + 1;
    return {
      brands: [brand],
      brand,
      namedBrandId: brand.id,
      filters: { brandId: brand.id, preset: 'custom', from, to, timeZone: period.timeZone, compare: true },
      zone: period.timeZone,
      period,
      previousPeriod: periodVariables({ from: addDays(from, -length), to: addDays(from, -1) }, period.timeZone),
      issues: [],
      update: () => undefined,
      link: () => home,
    };
  }, [brand, period, home]);
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}
