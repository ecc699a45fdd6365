/**
 * The service-desk contract's archive operations (CreateUnit, Units, RegisterResident, MoveOut,
 * Residents), copied verbatim from the contract so the tests run them exactly as written, and
 * small helpers the residents tests share. Real HTTP only.
 */
import { postGraphql, type GraphqlResponse } from './graphql-client';

export const CREATE_UNIT = `mutation CreateUnit($input: CreateUnitInput!) {
  createUnit(input: $input) { id code floor use building { id code } }
}`;

export const UNITS = `query Units($buildingId: ID!, $first: Int, $after: String) {
  units(buildingId: $buildingId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id code floor residents { id name } }
  }
}`;

export const REGISTER_RESIDENT = `mutation RegisterResident($input: RegisterResidentInput!) {
  registerResident(input: $input) { id name phone occupancies { unit { id code } relation since until } }
}`;

export const MOVE_OUT = `mutation MoveOut($residentId: ID!, $unitId: ID!, $on: Date!) {
  moveOut(residentId: $residentId, unitId: $unitId, on: $on) { id occupancies { unit { id } until } }
}`;

export const RESIDENTS = `query Residents($search: String, $first: Int, $after: String) {
  residents(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name phone occupancies { unit { id code building { code } } relation until } }
  }
}`;

export interface ResidentsPage {
  residents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      name: string;
      phone: string;
      occupancies: Array<{
        unit: { id: string; code: string; building: { code: string } };
        relation: string;
        until: string | null;
      }>;
    }>;
  };
}

export interface RegisteredResident {
  registerResident: {
    id: string;
    name: string;
    phone: string;
    occupancies: Array<{ unit: { id: string; code: string }; relation: string; since: string; until: string | null }>;
  };
}

/** Sends `op`; the caller inspects data and errors. */
export function call<T>(url: string, op: string, variables: object, token: string): Promise<GraphqlResponse<T>> {
  return postGraphql<T, object>(url, op, variables, token);
}

/** Sends `op` and fails with the errors when there are any. */
export async function ok<T>(url: string, op: string, variables: object, token: string): Promise<T> {
  const result = await call<T>(url, op, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

let serial = 0;
const base = Date.now() % 1_000_000;

/** A phone number no other test of the run uses (11 digits, a mobile). */
export function uniquePhone(): string {
  serial++;
  return `19${String(process.pid % 1000).padStart(3, '0')}${String((base + serial) % 1_000_000).padStart(6, '0')}`;
}
