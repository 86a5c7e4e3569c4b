/** The one brand and period a share link opens (its report, nothing else). */
export interface ShareGrant {
  linkId: string;
  brandId: string;
  period: { from: Date; to: Date; timeZone: string };
}

/**
 * Who is calling: the admin (ADMIN_TOKEN), a READ key limited to its brands, or a share link limited
 * to one brand's report over one period (its `brandIds` is that brand, so brand scoping applies as to
 * a reader; the period and the queries it may run are checked by `assertShareAllows` and PeriodService).
 */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'reader'; keyId: string; brandIds: string[] }
  | ({ kind: 'share'; brandIds: [string] } & ShareGrant);

/**
 * The brands a query may touch. Repositories take one as their first argument
 * and filter every query by it, so a resolver cannot forget the tenant filter.
 */
export class BrandScope {
  private constructor(readonly brandIds: readonly string[]) {}

  static of(principal: Principal, requested?: string | null): BrandScope {
    if (principal.kind === 'admin') return new BrandScope(requested ? [requested] : ['*']);
    if (requested) return new BrandScope(principal.brandIds.includes(requested) ? [requested] : []);
    return new BrandScope(principal.brandIds);
  }

  get all(): boolean {
    return this.brandIds.length === 1 && this.brandIds[0] === '*';
  }

  /** Query parameters for the `SCOPE_FILTER` fragment. */
  get params(): { scopeAll: boolean; scopeBrands: string[] } {
    return { scopeAll: this.all, scopeBrands: this.all ? [] : [...this.brandIds] };
  }
}

/** The tenant filter every repository query includes (fixed SQL; the brands travel as parameters). */
export const scopeFilter = (column: string) => `({scopeAll:Bool} OR ${column} IN {scopeBrands:Array(String)})`;
