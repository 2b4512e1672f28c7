import { AZURE_NAME_MAX, azureNameProblem, azureResourceName } from '../../src/azure/azure-names';

describe('azureResourceName', () => {
  test('joins parts with a hyphen when the result fits', () => {
    expect(azureResourceName('azure-east-vpngw', 'aws-tokyo--azure-east', 'lng1')).toBe('azure-east-vpngw-aws-tokyo--azure-east-lng1');
  });

  test('shortens long names to the limit with a hash, so two long names never collide', () => {
    const link = 'l'.repeat(100);
    const a = azureResourceName('gw', link, 'conn1');
    const b = azureResourceName('gw', link, 'conn2');
    expect(a).toHaveLength(AZURE_NAME_MAX);
    expect(b).toHaveLength(AZURE_NAME_MAX);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^gw-l+-[0-9a-f]{8}$/);
    expect(azureNameProblem(a)).toBeUndefined();
  });

  test.each([
    ['a', true], ['gw_', true], ['vgw.east-1', true], ['x'.repeat(80), true],
    ['', false], ['-gw', false], ['gw-', false], ['gw.', false], ['g w', false], ['x'.repeat(81), false],
  ])('azureNameProblem(%j) accepts: %s', (name, ok) => {
    expect(azureNameProblem(name) === undefined).toBe(ok);
  });
});
