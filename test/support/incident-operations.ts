/**
 * Operations of the incidents contract, copied verbatim (the project never reads files outside
 * the repository at run or test time).
 */
export const SET_EQUIPMENT_SERVES = `mutation SetEquipmentServes($equipmentId: ID!, $unitIds: [ID!]!) {
  setEquipmentServes(equipmentId: $equipmentId, unitIds: $unitIds) { id servedUnits { totalCount } }
}`;

export const ACTIVE_INCIDENTS = `query ActiveIncidents {
  incidents(filter: { active: true }, first: 100) {
    totalCount
    nodes {
      id number title kind status startedAt endedAt
      alerts { id faultCode }
      buildings { id code }
      affectedUnits { totalCount }
      calls { totalCount }
      requests { totalCount }
      workOrder { id number status }
    }
  }
}`;

export const CREATE_INCIDENT = `mutation CreateIncident($input: CreateIncidentInput!) {
  createIncident(input: $input) { id number status affectedUnits { totalCount } }
}`;

export const END_INCIDENT = `mutation EndIncident($id: ID!, $note: String) {
  endIncident(id: $id, note: $note) { id status endedAt }
}`;

export const CALL_WITH_INCIDENTS = `query CallWithIncidents($id: ID!) {
  call(id: $id) { id matchedResidents { id name } activeIncidents { id title kind } }
}`;
