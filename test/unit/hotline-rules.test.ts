// Real: the hotline's pure rules (schema/residents/phone.ts, closedOnFiling, the default
// departments). Faked: nothing; no I/O.
import 'reflect-metadata';
import { DEFAULT_DEPARTMENT } from '../../schema/desk/work-orders/work-order-opening';
import { maskPhone, normalisePhone, phoneFor } from '../../schema/residents/phone';
import { closedOnFiling } from '../../schema/hotline/requests/service-request.service';
import { RequestCategory } from '../../schema/hotline/requests/service-request.enums';
import { Role } from '../../schema/staff/role.enum';

describe('hotline rules', () => {
  it('a number is its national digits, however it was typed', () => {
    for (const typed of [
      '13812345678',
      '138-1234-5678',
      '138 1234 5678',
      '+86 138 1234 5678',
      '0086 13812345678',
      '8613812345678',
    ])
      expect(normalisePhone(typed)).toBe('13812345678');
    expect(normalisePhone('(021) 6543 2109')).toBe('02165432109');
    expect(normalisePhone('+44 20 7946 0958')).toBe('442079460958');
    expect(() => normalisePhone('12-34')).toThrow(/7 to 20 digits/);
    expect(() => normalisePhone('1'.repeat(21))).toThrow(/7 to 20 digits/);
  });

  it('the number is masked for roles that do not call back', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('65432109')).toBe('****2109');
    expect(phoneFor(Role.HOTLINE_OPERATOR, '13812345678')).toBe('13812345678');
    expect(phoneFor(Role.TECHNICIAN, '13812345678')).toBe('138****5678');
    expect(phoneFor(Role.AFFAIRS_OFFICER, '13812345678')).toBe('138****5678');
  });

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
