/** The desk's live feed, exactly as test/contract-operations.graphql `AlertRaised` (the contract) asks for it. */
export const ALERT_RAISED = `subscription AlertRaised {
  alertRaised { id faultCode severity status equipment { id code } workOrder { id number } }
}`;

export interface AlertRaisedEvent {
  alertRaised: { id: string; faultCode: string; equipment: { id: string; code: string } };
}
