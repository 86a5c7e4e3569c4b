import { toCsv } from '../export/csv';
import { M1_PERIOD_PRODUCTS, M1_SESSION_PRODUCTS } from './merchandise.fixtures';
import { parseProductSort, rankProducts, sessionProductsCsv, type ProductSortKey } from './product-ranking';

const ids = (key: ProductSortKey, direction: 'ASC' | 'DESC' = 'DESC', rows = M1_PERIOD_PRODUCTS): string[] =>
  rankProducts(rows, { key, direction }).map((p) => p.productId);

describe('product ranking (M1: p1 ¥32,000, p2 ¥6,000, p3 ¥2,500)', () => {
  it('ranks by revenue, most first', () => {
    expect(ids('revenue')).toEqual(['p1', 'p2', 'p3']);
    expect(ids('revenue', 'ASC')).toEqual(['p3', 'p2', 'p1']);
  });

  it('ranks by click rate; a tie is ranked by revenue', () => {
    // p1 4 clickers / 6 impressed = 0.667; p2 2 / 2 = 1; p3 1 / 1 = 1 → p2 and p3 tie at 1, p2 sold more.
    expect(ids('clickRate')).toEqual(['p2', 'p3', 'p1']);
    // Low to high, the tie still reads by revenue.
    expect(ids('clickRate', 'ASC')).toEqual(['p1', 'p2', 'p3']);
  });

  it('ranks by order rate; a tie is ranked by revenue', () => {
    // p1 4 buyers / 4 clickers = 1; p2 1 / 2 = 0.5; p3 1 / 1 = 1 → p1 (¥32,000) before p3 (¥2,500).
    expect(ids('orderRate')).toEqual(['p1', 'p3', 'p2']);
  });

  it('puts a product without a rate last, high-to-low and low-to-high alike', () => {
    // p4 was clicked but never shown: impressed 0, so no click rate.
    const p4 = { ...M1_PERIOD_PRODUCTS[2], productId: 'p4', productName: 'Wool hat', impressed: 0, clickRate: null };
    const rows = [p4, ...M1_PERIOD_PRODUCTS];
    expect(ids('clickRate', 'DESC', rows)).toEqual(['p2', 'p3', 'p1', 'p4']);
    expect(ids('clickRate', 'ASC', rows)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('ranks by units, pinned time and name', () => {
    // units 4, 2, 1; pinned 480 s, 360 s, 0 s
    expect(ids('units')).toEqual(['p1', 'p2', 'p3']);
    expect(ids('pinnedSeconds')).toEqual(['p1', 'p2', 'p3']);
    // "Cashmere scarf (navy)" < "Leather gloves" < "p3"
    expect(ids('productName', 'ASC')).toEqual(['p1', 'p2', 'p3']);
  });

  it('does not depend on the order the server sent', () => {
    const reversed = [...M1_PERIOD_PRODUCTS].reverse();
    expect(ids('clickRate', 'DESC', reversed)).toEqual(['p2', 'p3', 'p1']);
    expect(ids('sessions', 'DESC', reversed)).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('products page URL params', () => {
  it('defaults to revenue, high first', () => {
    expect(parseProductSort(new URLSearchParams(''))).toEqual({ key: 'revenue', direction: 'DESC' });
  });

  it('reads a known column and direction; a column alone starts in its own direction', () => {
    expect(parseProductSort(new URLSearchParams('sort=orderRate&dir=ASC'))).toEqual({
      key: 'orderRate',
      direction: 'ASC',
    });
    expect(parseProductSort(new URLSearchParams('sort=clickRate'))).toEqual({ key: 'clickRate', direction: 'DESC' });
    expect(parseProductSort(new URLSearchParams('sort=productName'))).toEqual({
      key: 'productName',
      direction: 'ASC',
    });
  });

  it('ignores unknown values', () => {
    expect(parseProductSort(new URLSearchParams('sort=DROP TABLE&dir=ASC'))).toEqual({
      key: 'revenue',
      direction: 'DESC',
    });
    expect(parseProductSort(new URLSearchParams('sort=units&dir=sideways'))).toEqual({
      key: 'units',
      direction: 'DESC',
    });
  });
});

describe('session products CSV', () => {
  it("writes the rows as ranked on screen, with the server's products.csv columns", () => {
    const ranked = rankProducts(M1_SESSION_PRODUCTS, { key: 'orderRate', direction: 'DESC' });
    expect(toCsv(sessionProductsCsv(ranked)).split('\r\n')).toEqual([
      'productId,productName,pins,pinnedSeconds,impressed,clickers,clickRate,cartAdds,cartAdders,orders,units,revenue,buyers,orderRate,currency',
      // 4 / 6 unrounded
      'p1,Cashmere scarf (navy),2,480,6,4,0.6666666666666666,3,3,4,4,32000,4,1,JPY',
      'p3,p3,0,0,1,1,1,0,0,1,1,2500,1,1,JPY',
      'p2,Leather gloves,1,360,2,2,1,2,2,1,2,6000,1,0.5,JPY',
      '',
    ]);
  });
});
