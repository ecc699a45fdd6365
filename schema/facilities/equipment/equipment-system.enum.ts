import { registerEnumType } from 'type-graphql';

/** The building systems (水电暖); values are the `{system}` level of device topics (devices/CONTRACT.md). */
export enum EquipmentSystem {
  WATER = 'water',
  ELECTRIC = 'electric',
  HEATING = 'heating',
}

registerEnumType(EquipmentSystem, { name: 'EquipmentSystem' });
