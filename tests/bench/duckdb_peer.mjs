// Peer measurement for docs/benchmarks.md: DuckDB computing per-tool avg/stddev/p50/p95/p99 of
// latency over a JSON Lines export. Usage: node duckdb_peer.mjs FILE.jsonl
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const t0 = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(`
  SELECT tool, count(*) AS n, avg(latency_ms) AS mean, stddev_pop(latency_ms) AS std,
         quantile_cont(latency_ms, 0.5) AS p50, quantile_cont(latency_ms, 0.95) AS p95,
         quantile_cont(latency_ms, 0.99) AS p99
  FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited',
                 columns = {tool: 'VARCHAR', latency_ms: 'DOUBLE'})
  GROUP BY tool ORDER BY tool`);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
for (const row of reader.getRowObjects())
  console.error(JSON.stringify(row, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
console.log(seconds.toFixed(3));
