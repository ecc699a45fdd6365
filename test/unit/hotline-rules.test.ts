// Real: the hotline's pure rules (closedOnFiling, the default departments; the phone rules are
// test/unit/phone.test.ts). Faked: nothing; no I/O.
import 'reflect-metadata';
import { DEFAULT_DEPARTMENT } from '../../schema/desk/work-orders/work-order-opening';
import { closedOnFiling } from '../../schema/hotline/requests/service-request.service';
import { RequestCategory } from '../../schema/hotline/requests/service-request.enums';

describe('hotline rules', () => {
  it('only an answered inquiry and a suggestion are closed on filing', () => {
    expect(closedOnFiling(RequestCategory.INQUIRY, 'by the 15th')).toBe(true);
    expect(closedOnFiling(RequestCategory.SUGGESTION, null)).toBe(true);
    for (const category of [
      RequestCategory.INQUIRY,
      RequestCategory.BUSINESS,
      RequestCategory.COMPLAINT,
      RequestCategory.REPAIR,
    ])
      expect(closedOnFiling(category, null)).toBe(false);
    expect(closedOnFiling(RequestCategory.REPAIR, 'an answer does not close a repair')).toBe(false);
  });

  it('repairs go to engineering, everything else to customer service', () => {
    expect(DEFAULT_DEPARTMENT).toEqual({
      INQUIRY: 'CUSTOMER_SERVICE',
      BUSINESS: 'CUSTOMER_SERVICE',
      COMPLAINT: 'CUSTOMER_SERVICE',
      SUGGESTION: 'CUSTOMER_SERVICE',
      REPAIR: 'ENGINEERING',
    });
  });
});
