// scratch: time the deferred stats statement and its parts on a kept bench:live folder
import { ClickHouseGateway, RollupRefresher } from '../schemas/clickhouse/dist/index.js';
const dir = process.argv[2];
const gw = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir + '/clickhouse', retries: 0 });
const captured = [];
const orig = gw.command.bind(gw);
gw.command = async (sql, params, opts) => { captured.push({ sql, params, opts }); const t = performance.now(); const r = await orig(sql, params, opts); console.log(`${opts.tag} ${(performance.now() - t).toFixed(0)} ms`); return r; };
const brandId = 'live-push', id = 'live-push';
const r = new RollupRefresher(gw, {});
const opened = await gw.query(`SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms`, {}, { tag: 'x' });
const { rollupVersionAt } = await import('../schemas/clickhouse/dist/index.js');
const version = rollupVersionAt(Number(opened[0].now_ms));
console.log('--- deferred whole rebuild');
await r['rebuildWhole'](brandId, [id], new Map(), version, () => 1);
const stats = captured.find((c) => c.opts.tag.includes('stats'));
console.log('--- full whole rebuild');
captured.length = 0;
await r['rebuildWhole'](brandId, [id], new Map(), version + 1, () => null);
const viewers = captured.find((c) => c.opts.tag === 'rollup.viewers');
const fullStats = captured.find((c) => c.opts.tag.includes('stats'));
gw.command = orig;
const time = async (label, sql, params, settings = {}) => {
  const ms = [];
  for (let i = 0; i < 11; i++) { const t = performance.now(); await gw.query(sql, params, { tag: 'p', lane: 'maintenance', settings }); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[5].toFixed(0)} ms (min ${ms[0].toFixed(0)})`);
};
const sel = viewers.sql.slice(viewers.sql.indexOf('WITH'));
await time('viewers select count', `SELECT count() FROM (${sel})`, viewers.params);
if (0) await time('viewers select count mt2', `SELECT count() FROM (${sel})`, viewers.params, { max_threads: 2, max_final_threads: 2 });
const noFinal = sel.replace('FROM events AS e FINAL', 'FROM events AS e');
if (0) await time('viewers select no FINAL', `SELECT count() FROM (${noFinal})`, viewers.params);
const statsSel = stats.sql.slice(stats.sql.indexOf('WITH'));
await time('deferred stats select', statsSel, stats.params);
await time('full stats select', fullStats.sql.slice(fullStats.sql.indexOf('WITH')), fullStats.params);
if (0) await time('events count FINAL', `SELECT count() FROM events FINAL WHERE brand_id = {b:String} AND session_id = {s:String}`, { b: brandId, s: id });
if (0) await time('events count', `SELECT count(), uniqExact(viewer_id) FROM events WHERE brand_id = {b:String} AND session_id = {s:String}`, { b: brandId, s: id });
if (0) await time('parts', `SELECT count() FROM system.parts WHERE table = 'events' AND active`, {});
console.log(await gw.query(`SELECT count() n FROM system.parts WHERE table = 'events' AND active`, {}, { tag: 'x' }));

const all = (q) => `SELECT sum(watch_seconds), sum(comments), sum(likes), sum(cart_adds), sum(orders), sum(revenue), max(first_seen_at), max(last_active_at), sum(follows), sum(shares), sum(product_clicks), count() FROM (${q})`;
await time('viewers select all cols', all(sel), viewers.params);
const noOrders = sel.replace("uniqExactIf(e.order_id, e.type = 'purchase') AS orders", "toUInt64(0) AS orders").replace("arraySum(maxMapIf([e.order_id], [e.amount], e.type = 'purchase').2) AS revenue", "toDecimal64(0, 4) AS revenue");
await time('viewers select no orders/revenue', all(noOrders), viewers.params);
const noSource = sel.replace("argMinIf(e.source, e.occurred_at, e.type = 'join') AS join_source", "'' AS join_source");
await time('viewers select no source', all(noSource), viewers.params);
const both = noOrders.replace("argMinIf(e.source, e.occurred_at, e.type = 'join') AS join_source", "'' AS join_source");
await time('viewers select neither', all(both), viewers.params);

const arr = sel.replace("uniqExactIf(e.order_id, e.type = 'purchase') AS orders", "groupArrayIf(e.order_id, e.type = 'purchase') AS oids").replace("arraySum(maxMapIf([e.order_id], [e.amount], e.type = 'purchase').2) AS revenue", "groupArrayIf(e.amount, e.type = 'purchase') AS amts");
const arrOuter = `SELECT *, length(arrayDistinct(oids)) AS orders, arraySum(arrayReduce('maxMap', [oids], [amts]).2) AS revenue FROM (${arr})`;
console.log((await gw.query(`SELECT sum(orders) o, sum(revenue) r FROM (${arrOuter})`, viewers.params, {tag:'x'}))[0], (await gw.query(`SELECT sum(orders) o, sum(revenue) r FROM (${sel})`, viewers.params, {tag:'x'}))[0]);
await time('viewers select arrays', all(arrOuter), viewers.params);
await time('viewers select all cols again', all(sel), viewers.params);
await gw.close();
