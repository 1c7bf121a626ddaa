import type { SqlValue } from 'sql.js';
import { str, type RepoContext } from './common.js';

export interface CustomerRecord {
  id: number;
  /** Salt Edge customer id (string); null until the customer was created at Salt Edge. */
  saltedgeId: string | null;
  /** The identifier sent to Salt Edge (the user's email address). */
  identifier: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
}

export interface CustomerUpsert {
  identifier: string;
  saltedgeId?: string | null;
  email?: string | null;
  phone?: string | null;
}

function toCustomer(r: Record<string, SqlValue>): CustomerRecord {
  return {
    id: Number(r.id),
    saltedgeId: str(r.saltedge_id),
    identifier: String(r.identifier),
    email: str(r.email),
    phone: str(r.phone),
    createdAt: String(r.created_at),
  };
}

export class CustomerRepository {
  constructor(private readonly ctx: RepoContext) {}

  get(id: number): CustomerRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM customer WHERE id = ?', [id]);
    return r ? toCustomer(r) : null;
  }

  getByIdentifier(identifier: string): CustomerRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM customer WHERE identifier = ?', [identifier]);
    return r ? toCustomer(r) : null;
  }

  getBySaltEdgeId(saltedgeId: string): CustomerRecord | null {
    const r = this.ctx.sql.get('SELECT * FROM customer WHERE saltedge_id = ?', [saltedgeId]);
    return r ? toCustomer(r) : null;
  }

  list(): CustomerRecord[] {
    return this.ctx.sql.all('SELECT * FROM customer ORDER BY id').map(toCustomer);
  }

  /** Inserts or updates by identifier; fields left undefined keep their stored value. */
  upsert(input: CustomerUpsert): CustomerRecord {
    const existing = this.getByIdentifier(input.identifier);
    if (!existing) {
      const { lastInsertRowid } = this.ctx.sql.run(
        'INSERT INTO customer (saltedge_id, identifier, email, phone, created_at) VALUES (?, ?, ?, ?, ?)',
        [input.saltedgeId ?? null, input.identifier, input.email ?? null, input.phone ?? null, this.ctx.now()],
      );
      return this.get(lastInsertRowid)!;
    }
    this.ctx.sql.run(
      `UPDATE customer SET
         saltedge_id = CASE WHEN $setSe THEN $se ELSE saltedge_id END,
         email = CASE WHEN $setEmail THEN $email ELSE email END,
         phone = CASE WHEN $setPhone THEN $phone ELSE phone END
       WHERE id = $id`,
      {
        id: existing.id,
        setSe: input.saltedgeId !== undefined,
        se: input.saltedgeId ?? null,
        setEmail: input.email !== undefined,
        email: input.email ?? null,
        setPhone: input.phone !== undefined,
        phone: input.phone ?? null,
      },
    );
    return this.get(existing.id)!;
  }

  setSaltEdgeId(id: number, saltedgeId: string | null): void {
    this.ctx.sql.run('UPDATE customer SET saltedge_id = ? WHERE id = ?', [saltedgeId, id]);
  }

  delete(id: number): boolean {
    return this.ctx.sql.run('DELETE FROM customer WHERE id = ?', [id]).changes > 0;
  }
}
