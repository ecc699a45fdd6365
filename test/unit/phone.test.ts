/**
 * Phone numbers in the residents' archive: normalised to the national digits, masked for roles
 * that may not read them, and recognised in a search. Pure functions; nothing faked.
 */
import { AppError } from '../../schema/common/app-error';
import { maskPhone, normalisePhone, phoneDigitsOfSearch, phoneFor, PHONE_READERS } from '../../schema/residents/phone';
import { Role } from '../../schema/staff/role.enum';

describe('normalisePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['+86 (138) 1234 5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(021) 6543-2109', '02165432109'],
    ['6543210', '6543210'],
    ['+44 20 7946 0958', '442079460958'],
  ])('%s → %s', (input, digits) => {
    expect(normalisePhone(input)).toBe(digits);
  });

  it.each(['123456', '+86 12345', 'call me', '', '1'.repeat(21)])('refuses %j with BAD_USER_INPUT', (input) => {
    let error: unknown;
    try {
      normalisePhone(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
  });
});

describe('maskPhone', () => {
  it('hides the middle of a mobile number and keeps its length', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('8613812345678')).toBe('861******5678');
  });

  it('keeps only the last 4 digits of a shorter number', () => {
    expect(maskPhone('65432109')).toBe('****2109');
    expect(maskPhone('6543210')).toBe('***3210');
    expect(maskPhone('1234')).toBe('****');
  });

  it('shows the full number only to the roles that need it', () => {
    for (const role of Object.values(Role)) {
      const expected = PHONE_READERS.includes(role) ? '13812345678' : '138****5678';
      expect(phoneFor(role, '13812345678')).toBe(expected);
    }
    expect(PHONE_READERS).toEqual(
      expect.arrayContaining([
        Role.MANAGER,
        Role.SUPERVISOR,
        Role.RELATIONS_OFFICER,
        Role.HOTLINE_MANAGER,
        Role.HOTLINE_OPERATOR,
      ]),
    );
    expect(phoneFor(Role.TECHNICIAN, '13812345678')).toBe('138****5678');
    expect(phoneFor(null, '13812345678')).toBe('138****5678');
  });
});

describe('phoneDigitsOfSearch', () => {
  it('reads digits, separators and a country code as a phone search', () => {
    expect(phoneDigitsOfSearch('5678')).toBe('5678');
    expect(phoneDigitsOfSearch(' 138 1234 ')).toBe('1381234');
    expect(phoneDigitsOfSearch('+86 138-1234')).toBe('1381234');
  });

  it('is null for names and unit codes', () => {
    expect(phoneDigitsOfSearch('张伟')).toBeNull();
    expect(phoneDigitsOfSearch('1-1201')).toBe('11201'); // digits with a dash read as a phone too…
    expect(phoneDigitsOfSearch('B1-1201')).toBeNull();
    expect(phoneDigitsOfSearch('Wang')).toBeNull();
  });
});
