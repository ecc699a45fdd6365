import { SignJWT, jwtVerify } from 'jose';
import { AppError } from '../../common/app-error';
import type { Caller } from '../../context';
import { Role } from '../role.enum';

/** Signed staff tokens (JWT, HS256 via `jose`, RFC 7519). A shift is 12 h; so is a token. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds = 12 * 3600,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(caller: Caller): Promise<string> {
    return new SignJWT({ role: caller.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caller.staffId)
      .setIssuer('facilitydesk')
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** `Bearer <token>` or a bare token → the caller; anything else → UNAUTHENTICATED. */
  async verify(header: string | undefined | null): Promise<Caller> {
    const token = header?.replace(/^Bearer\s+/i, '').trim();
    if (!token) throw new AppError('UNAUTHENTICATED', 'A staff token is required (Authorization: Bearer <token>)');
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'facilitydesk', algorithms: ['HS256'] });
      const role = payload.role;
      if (!payload.sub || typeof role !== 'string' || !(role in Role)) throw new Error('bad claims');
      return { staffId: payload.sub, role: role as Role };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'The token is invalid or has expired; sign in again');
    }
  }

  /** For optional auth on HTTP: a missing header is not an error, a bad one is. */
  async verifyOptional(header: string | undefined | null): Promise<Caller | null> {
    return header ? this.verify(header) : null;
  }
}
