import { loadConfig } from '../../gateway/config';
test('config defaults', () => {
  const c = loadConfig({ DATA_DIR: '/tmp/fd-cfg-test', JWT_SECRET: 'x' });
  expect(c.port).toBe(4000);
  expect(c.simulator).toBe(true);
});
