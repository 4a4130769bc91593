import { sql } from 'drizzle-orm';
import type { Plugin } from 'graphql-yoga';
import type { Db } from './db/client';

const HEALTH_TIMEOUT_MS = 2_000;

/** GET /health: 200 when the database answers `select 1` in time, else 503 naming the cause. */
export function healthPlugin(db: Db): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health') return;
      const reply = (status: number, body: object) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          }),
        );
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          db.execute(sql`select 1`),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer in ${HEALTH_TIMEOUT_MS} ms`)),
              HEALTH_TIMEOUT_MS,
            );
          }),
        ]);
        reply(200, { status: 'ok', database: 'ok' });
      } catch (error) {
        reply(503, {
          status: 'unavailable',
          database: error instanceof Error ? error.message.slice(0, 200) : 'error',
        });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
