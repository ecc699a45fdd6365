import { registerEnumType } from 'type-graphql';

/** What a unit is used for (service-desk contract `UnitUse`). */
export enum UnitUse {
  RESIDENTIAL = 'RESIDENTIAL',
  COMMERCIAL = 'COMMERCIAL',
  PARKING = 'PARKING',
  STORAGE = 'STORAGE',
}

registerEnumType(UnitUse, { name: 'UnitUse' });
