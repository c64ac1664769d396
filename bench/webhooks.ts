import { newWebhookSecret, sealWebhookSecret } from '../lib/gateway/webhooks/secret-box';

/**
 * With BENCH_WEBHOOK_URL set, one audit webhook per bench org pointing there, so every mint also
 * writes its outbox row and the gateway delivers while it is measured (features-on runs).
 */
export function webhookSeedSql(orgs: number, keySecret: string, url = process.env.BENCH_WEBHOOK_URL): string[] {
  if (!url) return [];
  return Array.from({ length: orgs }, (_, o) => {
    const id = `whk_bench_${o}`;
    const sealed = sealWebhookSecret(newWebhookSecret(), id, keySecret);
    return `insert into webhook_endpoints (id, org_id, url, secret_sealed) values ('${id}', 'org_b_${o}', '${url.replace(/'/g, "''")}', '${sealed}')`;
  });
}
